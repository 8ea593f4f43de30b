"""The decision and its written notice: granted, partly granted, refused (surat keputusan penolakan) or not held.

A decision is given once. A notice issued after its due date is accepted and recorded as late.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.rules import ALLOWED, TransitionRefused, Verdict, refuse, verdict_enforce
from ppid.workdays import OfficeCalendar

from ..events import RequestAction
from ..models import Decision, InformationRequest, Notice, Review
from . import mail, notices
from .access import DECIDE_PERMISSIONS, actor_scope_verdict
from .files import files_removed_on_failure
from .review import latest_review
from .transitions import AWAITING, awaiting_notice_verdict, change_status, local_text, lock_request, open_verdict

Status = InformationRequest.Status
GIVES_INFORMATION = (Decision.GRANTED, Decision.PARTLY_GRANTED)


def decide_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    refusal = actor_scope_verdict(actor, request, DECIDE_PERMISSIONS)
    if refusal is not None:
        return refusal
    if request.status not in AWAITING and request.decided_at is not None:
        return open_verdict(request) or refuse(
            _("Permohonan sudah diputuskan (%(decision)s) pada %(date)s; keputusan tidak dapat diberikan dua kali.")
            % {"decision": request.get_decision_display().lower(), "date": local_text(request.decided_at)}
        )
    return awaiting_notice_verdict(request, what=_("keputusan")) or ALLOWED


def _decision_validate(*, request, decision, review, material, withheld, meeting):
    """What the decision needs from the review and the form (the law's conditions of each decision)."""
    errors = {}
    if decision == Decision.REFUSED:
        if review is None or review.outcome != Review.Outcome.EXEMPT:
            raise TransitionRefused(
                _("Penolakan memerlukan uji konsekuensi tertulis yang menyatakan informasi dikecualikan seluruhnya.")
            )
    elif decision == Decision.PARTLY_GRANTED:
        if review is None or review.outcome != Review.Outcome.PARTLY_EXEMPT:
            raise TransitionRefused(
                _("Pemberian sebagian memerlukan uji konsekuensi tertulis yang menyatakan informasi dikecualikan sebagian.")
            )
        if not withheld.strip():
            errors["withheld"] = _("Sebutkan bagian yang dihitamkan atau dikecualikan dan alasannya.")
    elif decision == Decision.GRANTED and review is not None and review.outcome != Review.Outcome.OPEN:
        raise TransitionRefused(
            _("Uji konsekuensi terakhir menyatakan informasi dikecualikan; lakukan uji ulang sebelum memberikan seluruhnya.")
        )
    if decision in GIVES_INFORMATION and not material.strip():
        errors["material"] = _("Sebutkan materi informasi yang diberikan.")
    if meeting is not None and meeting.request_id != request.pk:
        errors["meeting"] = _("Rapat koordinasi ini bukan milik permohonan ini.")
    if errors:
        raise ValidationError(errors)


@files_removed_on_failure
@transaction.atomic
def request_decide(
    *,
    request_id: int,
    decision: str,
    actor,
    now: dt.datetime,
    material: str = "",
    withheld: str = "",
    format: str = "",
    delivery_method: str = "",
    copy_fee: Decimal | int = 0,
    payment_method: str = "",
    holding_body: str = "",
    body: str = "",
    meeting=None,
) -> Notice:
    """Decide and issue the written notice (or, for a refusal, the surat keputusan penolakan)."""
    request = lock_request(request_id)
    verdict_enforce(decide_guard(actor, request, now))
    review = None if decision == Decision.NOT_HELD else latest_review(request)
    _decision_validate(request=request, decision=decision, review=review, material=material, withheld=withheld, meeting=meeting)
    notice = decision_record(
        request,
        decision=decision,
        review=review,
        actor=actor,
        now=now,
        calendar=OfficeCalendar(),
        material=material,
        withheld=withheld,
        format=format or request.obtain_method,
        delivery_method=delivery_method or request.delivery_method,
        copy_fee=Decimal(copy_fee or 0),
        payment_method=payment_method.strip() if copy_fee else "",
        holding_body=holding_body,
        body=body,
        meeting=meeting,
    )
    mail.notice_send_after_commit(notice)
    return notice


def decision_record(request, *, decision, review, actor, now, calendar, meeting=None, **notice_fields) -> Notice:
    """Write the decision on a locked request and issue its notice (shared with the grant at the desk)."""
    request.decision = decision
    request.decided_at = now
    request.is_held = decision != Decision.NOT_HELD
    request.copy_fee = notice_fields["copy_fee"]
    late = request.notice_due is not None and calendar.local_date(now) > request.notice_due
    change_status(
        request,
        to=Status.DECIDED,
        actor=actor,
        action=RequestAction.DECIDED,
        now=now,
        extra_fields=("decision", "decided_at", "is_held", "copy_fee"),
        data={"decision": decision, "late": late},
    )
    kind = Notice.Kind.REFUSAL if decision == Decision.REFUSED else Notice.Kind.DECISION
    return notices.notice_issue(
        request=request,
        kind=kind,
        actor=actor,
        now=now,
        calendar=calendar,
        decision=decision,
        review=review,
        meeting=meeting,
        **notice_fields,
    )
