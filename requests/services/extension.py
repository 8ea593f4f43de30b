"""Extending the written-notice deadline: once, by 7 working days, with written reasons (UU KIP pasal 22 ayat 8).

Only before the decision, and at the latest on the due day itself (office time). The new due date
is written by requests.services.deadlines; a numbered notice of extension goes to the requester.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.rules import ALLOWED, Verdict, refuse, verdict_enforce
from ppid.workdays import OfficeCalendar

from ..events import DEADLINE_REASON_EXTENSION, RequestAction
from ..models import InformationRequest, Notice
from . import mail, notices
from .access import DECIDE_PERMISSIONS, actor_scope_verdict
from .deadlines import request_deadlines_recompute
from .files import files_removed_on_failure
from .transitions import awaiting_notice_verdict, change_status, day_text, local_text, lock_request, record_event

Status = InformationRequest.Status


def extend_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    refusal = actor_scope_verdict(actor, request, DECIDE_PERMISSIONS) or awaiting_notice_verdict(
        request, what=_("perpanjangan waktu")
    )
    if refusal is not None:
        return refusal
    if request.extended_at is not None:
        return refuse(
            _("Jangka waktu sudah diperpanjang pada %(date)s; perpanjangan hanya boleh satu kali (UU KIP pasal 22 ayat 8).")
            % {"date": local_text(request.extended_at)}
        )
    if request.notice_due is not None and OfficeCalendar().local_date(now) > request.notice_due:
        return refuse(
            _("Batas waktu pemberitahuan tertulis (%(due)s) sudah lewat; perpanjangan paling lambat pada hari batas waktu itu.")
            % {"due": day_text(request.notice_due)}
        )
    return ALLOWED


@files_removed_on_failure
@transaction.atomic
def request_extend(*, request_id: int, reason: str, actor, now: dt.datetime) -> Notice:
    """Extend the notice deadline once by 7 working days and issue the notice of extension."""
    request = lock_request(request_id)
    verdict_enforce(extend_guard(actor, request, now))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan perpanjangan wajib ditulis.")})
    calendar = OfficeCalendar()
    request.extended_at = now
    request.extension_reason = reason
    fields = ("extended_at", "extension_reason")
    # The due date before the extension, kept so the ledger of a decided request shows it as it was.
    data = {"notice_due_before": request.notice_due.isoformat() if request.notice_due else None}
    if request.status == Status.REGISTERED:
        change_status(
            request, to=Status.IN_REVIEW, actor=actor, action=RequestAction.EXTENDED, now=now, note=reason, extra_fields=fields, data=data
        )
    else:
        request.save(update_fields=fields)
        record_event(request, action=RequestAction.EXTENDED, actor=actor, note=reason, data=data)
    previous_due = request.notice_due
    request_deadlines_recompute(request, calendar=calendar, actor=actor, reason=DEADLINE_REASON_EXTENSION)
    notice = notices.notice_issue(
        previous_due=previous_due,
        request=request,
        kind=Notice.Kind.EXTENSION,
        actor=actor,
        now=now,
        calendar=calendar,
        body=reason,
        format=request.obtain_method,
        delivery_method=request.delivery_method,
    )
    mail.notice_send_after_commit(notice)
    return notice
