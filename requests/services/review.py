"""The exemption review (uji konsekuensi and uji kepentingan publik) and the coordination meeting before a refusal."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.law import InformationCategory
from ppid.rules import ALLOWED, Verdict, verdict_enforce
from ppid.workdays import OfficeCalendar

from ..events import RequestAction
from ..models import CoordinationMeeting, InformationRequest, Material, Review
from .access import MEETING_PERMISSIONS, REVIEW_PERMISSIONS, actor_scope_verdict
from .files import files_removed_on_failure, material_store
from .forwarding import review_started
from .register_columns import register_columns_refresh_request
from .transitions import awaiting_notice_verdict, lock_request

# -- guards -----------------------------------------------------------------------------------


def review_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    return (
        actor_scope_verdict(actor, request, REVIEW_PERMISSIONS)
        or awaiting_notice_verdict(request, what=_("uji konsekuensi"))
        or ALLOWED
    )


def meeting_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    return (
        actor_scope_verdict(actor, request, MEETING_PERMISSIONS)
        or awaiting_notice_verdict(request, what=_("rapat koordinasi"))
        or ALLOWED
    )


# -- the review -------------------------------------------------------------------------------


def latest_review(request: InformationRequest) -> Review | None:
    return request.reviews.order_by("-reviewed_at", "-pk").first()


def _review_validate(*, outcome, legal_basis, exemption_letter, other_law, harm_test, public_interest_test, considerations, exempt_part, dip_item):
    errors = {}
    if outcome != Review.Outcome.OPEN:
        if not legal_basis:
            errors["legal_basis"] = _("Pilih dasar pengecualian.")
        elif legal_basis == Review.LegalBasis.PASAL_17 and not exemption_letter:
            errors["exemption_letter"] = _("Pilih huruf pasal 17 yang menjadi dasar pengecualian.")
        elif legal_basis == Review.LegalBasis.OTHER_LAW and not other_law.strip():
            errors["other_law"] = _("Sebutkan undang-undang yang menjadi dasar pengecualian.")
        if not harm_test.strip():
            errors["harm_test"] = _("Uji konsekuensi wajib ditulis untuk informasi yang dikecualikan.")
        if not public_interest_test.strip():
            errors["public_interest_test"] = _("Uji kepentingan publik wajib ditulis untuk informasi yang dikecualikan.")
        if outcome == Review.Outcome.PARTLY_EXEMPT and not exempt_part.strip():
            errors["exempt_part"] = _("Sebutkan bagian informasi yang dikecualikan.")
    if not considerations.strip():
        errors["considerations"] = _("Pertimbangan tertulis wajib diisi.")
    if dip_item is not None and dip_item.category != InformationCategory.EXEMPT:
        errors["dip_item"] = _("Hanya informasi DIP berkategori dikecualikan yang dapat dirujuk.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_record(
    *,
    request_id: int,
    outcome: str,
    considerations: str,
    actor,
    now: dt.datetime,
    legal_basis: str = "",
    exemption_letter: str = "",
    other_law: str = "",
    harm_test: str = "",
    public_interest_test: str = "",
    exempt_part: str = "",
    dip_item=None,
) -> Review:
    """The written exemption review (uji konsekuensi and uji kepentingan publik)."""
    request = lock_request(request_id)
    verdict_enforce(review_guard(actor, request, now))
    fields = dict(
        outcome=outcome,
        legal_basis=legal_basis,
        exemption_letter=exemption_letter,
        other_law=other_law,
        harm_test=harm_test,
        public_interest_test=public_interest_test,
        considerations=considerations,
        exempt_part=exempt_part,
        dip_item=dip_item,
    )
    _review_validate(**fields)
    # Keep only the basis that applies, so the record never carries a stale letter or law.
    if outcome == Review.Outcome.OPEN:
        fields.update(legal_basis="", exemption_letter="", other_law="", exempt_part="")
    elif legal_basis == Review.LegalBasis.PASAL_17:
        fields["other_law"] = ""
    else:
        fields["exemption_letter"] = ""
    review = Review.objects.create(request=request, reviewer=actor, **fields)
    register_columns_refresh_request(request)
    review_started(
        request,
        actor=actor,
        action=RequestAction.REVIEWED,
        now=now,
        data={"review": review.pk, "outcome": outcome, "letter": review.exemption_letter},
    )
    return review


# -- the coordination meeting -----------------------------------------------------------------


@files_removed_on_failure
@transaction.atomic
def meeting_record(
    *, request_id: int, held_on: dt.date, attendees: str, summary: str, actor, now: dt.datetime, minutes=None
) -> CoordinationMeeting:
    """A coordination meeting with the units concerned before a refusal (seed 004), with its signed minutes."""
    request = lock_request(request_id)
    verdict_enforce(meeting_guard(actor, request, now))
    if held_on > OfficeCalendar().local_date(now):
        raise ValidationError({"held_on": _("Tanggal rapat tidak boleh di masa depan.")})
    minutes_material = None
    if minutes is not None:
        minutes_material = material_store(request=request, kind=Material.Kind.MEETING_MINUTES, upload=minutes, actor=actor)
    meeting = CoordinationMeeting.objects.create(
        request=request, held_on=held_on, attendees=attendees, summary=summary, minutes=minutes_material, recorded_by=actor
    )
    review_started(request, actor=actor, action=RequestAction.MEETING_RECORDED, now=now, note=summary[:200], data={"meeting": meeting.pk})
    return meeting
