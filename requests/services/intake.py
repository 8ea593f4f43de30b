"""Intake: a request arrives (online or at the desk), is registered when complete, and gets its clock.

Registering takes the next register number from the office sequence inside the same
transaction that marks the request complete, so a rollback gives the number back. The
receipt date and the notice due date are written only by request_deadlines_recompute, from
``completed_at`` (the received moment for a request complete on arrival).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.codes import new_tracking_code
from ppid.models import Unit
from ppid.rules import TransitionRefused
from ppid.sequences import next_register_number
from ppid.workdays import OfficeCalendar
from registry.services import requester_verify_at_desk

from ..events import RequestAction
from ..models import Channel, InformationRequest
from . import mail
from .deadlines import request_deadlines_recompute
from .transitions import change_status, lock_request, record_event

Status = InformationRequest.Status

# What a request must name to be complete (besides the requester's established identity).
REQUIRED_CONTENT_FIELDS = ("information_wanted", "purpose", "obtain_method", "delivery_method")
DESK_CHANNELS = tuple(choice for choice in Channel.values if choice != Channel.ONLINE)
# A pending online claim merges into the desk record it claims once verified; until then
# requests are logged for that desk record, never for the claim.
PENDING_CLAIM_REFUSAL = _(
    "Pemohon ini masih berupa pendaftaran daring yang menunggu verifikasi atas data meja layanan: "
    "cari dan pilih data pemohon dari meja layanan."
)


class IntakeRefused(TransitionRefused):
    """A request that cannot be taken as asked; ``message`` is shown to the user as is."""


class SameRequestSubmitted(IntakeRefused):
    """The requester sent the same information again soon after: ``existing`` is shown, and a second
    request is created only when the requester confirms it (``confirm_resubmission=True``)."""

    def __init__(self, existing: InformationRequest):
        super().__init__(
            _("Anda sudah mengajukan permohonan yang sama. Lihat permohonan itu, atau konfirmasi bila memang ingin mengajukan permohonan kedua.")
        )
        self.existing = existing


def main_unit() -> Unit:
    unit = Unit.objects.filter(kind=Unit.Kind.MAIN, is_active=True).first()
    if unit is None:
        raise IntakeRefused(_("PPID Utama belum ditetapkan; hubungi administrator."))
    return unit


def missing_content(content: dict) -> list[str]:
    """The names of the required content fields left empty."""
    return [name for name in REQUIRED_CONTENT_FIELDS if not str(content.get(name) or "").strip()]


def backdate_needs_reason(*, received_at: dt.datetime, now: dt.datetime, calendar: OfficeCalendar | None = None) -> bool:
    """Whether a received moment lies further back than the office allows without a written reason."""
    calendar = calendar or OfficeCalendar()
    days_back = (calendar.local_date(now) - calendar.local_date(received_at)).days
    return days_back > settings.PPID_BACKDATE_LIMIT_DAYS


def _existing_for_key(idempotency_key: str | None, requester) -> InformationRequest | None:
    if not idempotency_key:
        return None
    existing = InformationRequest.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.requester_id != requester.pk:
        raise IntakeRefused(_("Formulir ini sudah dipakai. Muat ulang halaman dan kirim kembali."))
    return existing


def _same_recent(requester, idempotency_key, information_wanted: str, now: dt.datetime) -> InformationRequest | None:
    """The request this submission repeats, unless it is the same form again (the token answers that)."""
    from ..selectors import request_same_recently_submitted

    if idempotency_key and InformationRequest.objects.filter(idempotency_key=idempotency_key).exists():
        return None
    return request_same_recently_submitted(requester=requester, information_wanted=information_wanted, now=now)


def _duplicate_ids(request: InformationRequest) -> list[int]:
    """Flag, never refuse: the officer sees the requester's similar requests of the last 30 days."""
    from ..selectors import request_possible_duplicates

    return [
        other.pk
        for other in request_possible_duplicates(
            requester=request.requester,
            information_wanted=request.information_wanted,
            now=request.received_at,
            exclude_pk=request.pk,
        )
    ]


def _verify_at_desk(requester, *, officer):
    """The original identity seen at the desk verifies the requester; a refusal (e.g. a record already
    claimed by another account) comes back as the desk's refusal, with its message."""
    try:
        return requester_verify_at_desk(requester=requester, officer=officer)
    except ValidationError as error:
        raise IntakeRefused(" ".join(error.messages)) from None


def _register(request: InformationRequest, *, actor, completed_at: dt.datetime, now: dt.datetime, calendar: OfficeCalendar):
    """Give the number and start the clock; the caller holds the transaction (and the row lock)."""
    request.register_number = next_register_number(kind="request", on=calendar.local_date(now))
    request.completed_at = completed_at
    change_status(
        request,
        to=Status.REGISTERED,
        actor=actor,
        action=RequestAction.REGISTERED,
        now=now,
        extra_fields=("register_number", "completed_at"),
        data={"register_number": request.register_number, "completed_at": completed_at.isoformat()},
    )
    request_deadlines_recompute(request, calendar=calendar, actor=actor)


def _create(*, idempotency_key, requester, **fields) -> tuple[InformationRequest, bool]:
    """Create the row, or return the one a first submission of the same form already created."""
    existing = _existing_for_key(idempotency_key, requester)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            request = InformationRequest.objects.create(
                tracking_code=new_tracking_code(),
                idempotency_key=idempotency_key or None,
                requester=requester,
                status=Status.INCOMPLETE,
                **fields,
            )
    except IntegrityError:
        # A concurrent submission of the same form won the race.
        existing = _existing_for_key(idempotency_key, requester)
        if existing is None:
            raise
        return existing, False
    return request, True


def request_submit_online(
    *,
    requester,
    user,
    information_wanted: str,
    purpose: str,
    obtain_method: str,
    delivery_method: str,
    dip_item=None,
    unit: Unit | None = None,
    information_user_name: str = "",
    information_user_nik: str = "",
    idempotency_key: str | None = None,
    confirm_resubmission: bool = False,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """A verified requester's online request: complete on arrival, registered and numbered at once.

    The same form sent twice (same token) gives the first request back. The same information sent
    again within a day from another form raises SameRequestSubmitted unless the requester confirms.
    """
    now = now or timezone.now()
    if requester is None or not requester.is_verified:
        raise IntakeRefused(
            _("Identitas Anda belum terverifikasi. Permohonan dapat diajukan setelah petugas memverifikasi dokumen identitas Anda.")
        )
    content = dict(
        information_wanted=information_wanted.strip(),
        purpose=purpose.strip(),
        obtain_method=obtain_method,
        delivery_method=delivery_method,
    )
    if missing_content(content):
        raise IntakeRefused(_("Permohonan belum lengkap: isi rincian informasi, tujuan, cara memperoleh dan cara mendapatkan salinan."))
    calendar = OfficeCalendar()
    same = _same_recent(requester, idempotency_key, content["information_wanted"], now)
    if same is not None and not confirm_resubmission:
        raise SameRequestSubmitted(same)
    with transaction.atomic():
        request, created = _create(
            idempotency_key=idempotency_key,
            requester=requester,
            unit=unit or main_unit(),
            channel=Channel.ONLINE,
            received_at=now,
            received_by=None,
            dip_item=dip_item,
            information_user_name=information_user_name.strip(),
            information_user_nik=information_user_nik.strip(),
            **content,
        )
        if not created:
            return request
        record_event(
            request,
            action=RequestAction.RECEIVED,
            actor=user,
            data={
                "channel": Channel.ONLINE,
                "possible_duplicates": _duplicate_ids(request),
                # The requester was shown this earlier request and confirmed a second one.
                "confirmed_resubmission_of": same.pk if same is not None else None,
            },
        )
        _register(request, actor=user, completed_at=now, now=now, calendar=calendar)
        mail.received_notify(request)
    return request


def request_record_at_desk(
    *,
    officer,
    requester,
    channel: str,
    received_at: dt.datetime,
    is_complete: bool,
    identity_seen: bool = False,
    backdate_reason: str = "",
    information_wanted: str = "",
    purpose: str = "",
    obtain_method: str = "",
    delivery_method: str = "",
    dip_item=None,
    unit: Unit | None = None,
    information_user_name: str = "",
    information_user_nik: str = "",
    idempotency_key: str | None = None,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """A walk-in, phone, letter, email or fax request logged by a desk officer at its true received moment.

    Complete: numbered now, the clock counting from the received moment. Incomplete: a
    tracking code only, no number and no clock until request_complete.
    """
    now = now or timezone.now()
    calendar = OfficeCalendar()
    if channel not in DESK_CHANNELS:
        raise IntakeRefused(_("Pilih saluran permohonan di meja layanan."))
    if requester.claimed_requester_id:
        raise IntakeRefused(PENDING_CLAIM_REFUSAL)
    if received_at > now:
        raise IntakeRefused(_("Waktu diterima tidak boleh di masa depan."))
    backdate_reason = backdate_reason.strip()
    if backdate_needs_reason(received_at=received_at, now=now, calendar=calendar) and not backdate_reason:
        raise IntakeRefused(
            _("Waktu diterima lebih dari %(days)s hari yang lalu: tuliskan alasan pencatatan mundur.")
            % {"days": settings.PPID_BACKDATE_LIMIT_DAYS}
        )
    content = dict(
        information_wanted=information_wanted.strip(),
        purpose=purpose.strip(),
        obtain_method=obtain_method or "",
        delivery_method=delivery_method or "",
    )
    if is_complete:
        if missing_content(content):
            raise IntakeRefused(
                _("Permohonan lengkap harus memuat rincian informasi, tujuan, cara memperoleh dan cara mendapatkan salinan.")
            )
        if not (requester.is_verified or identity_seen):
            raise IntakeRefused(_("Identitas pemohon belum ditetapkan: lihat dokumen identitas asli atau catat sebagai belum lengkap."))
    with transaction.atomic():
        request, created = _create(
            idempotency_key=idempotency_key,
            requester=requester,
            unit=unit or officer.unit or main_unit(),
            assignee=officer,
            channel=channel,
            received_at=received_at,
            received_by=officer,
            backdate_reason=backdate_reason,
            dip_item=dip_item,
            information_user_name=information_user_name.strip(),
            information_user_nik=information_user_nik.strip(),
            **content,
        )
        if not created:
            return request
        if identity_seen and not requester.is_verified:
            # The original was seen at the desk: the requester is verified, by this officer, for good.
            request.requester = _verify_at_desk(requester, officer=officer)
        record_event(
            request,
            action=RequestAction.RECEIVED,
            actor=officer,
            note=backdate_reason,
            data={
                "channel": channel,
                "received_at": received_at.isoformat(),
                "recorded_at": now.isoformat(),
                "identity_seen": bool(identity_seen),
                "possible_duplicates": _duplicate_ids(request),
            },
        )
        if is_complete:
            _register(request, actor=officer, completed_at=received_at, now=now, calendar=calendar)
            mail.received_notify(request)
    return request


def request_complete(
    *,
    request_id: int,
    officer,
    identity_seen: bool = False,
    now: dt.datetime | None = None,
    **content,
) -> InformationRequest:
    """Complete a waiting request (filling what was missing): it gets its number and its clock starts now."""
    now = now or timezone.now()
    calendar = OfficeCalendar()
    with transaction.atomic():
        request = lock_request(request_id)
        if request.status != Status.INCOMPLETE:
            raise IntakeRefused(_("Permohonan ini sudah lengkap dan teregister."))
        changed = []
        for name in REQUIRED_CONTENT_FIELDS:
            value = str(content.get(name) or "").strip()
            if value and value != getattr(request, name):
                setattr(request, name, value)
                changed.append(name)
        if missing_content({name: getattr(request, name) for name in REQUIRED_CONTENT_FIELDS}):
            raise IntakeRefused(
                _("Permohonan lengkap harus memuat rincian informasi, tujuan, cara memperoleh dan cara mendapatkan salinan.")
            )
        if not (request.requester.is_verified or identity_seen):
            raise IntakeRefused(_("Identitas pemohon belum ditetapkan: lihat dokumen identitas asli terlebih dahulu."))
        if request.requester.claimed_requester_id:
            raise IntakeRefused(PENDING_CLAIM_REFUSAL)
        if changed:
            request.save(update_fields=changed)
        if identity_seen and not request.requester.is_verified:
            request.requester = _verify_at_desk(request.requester, officer=officer)
        record_event(request, action=RequestAction.COMPLETED, actor=officer, data={"filled": changed, "identity_seen": bool(identity_seen)})
        _register(request, actor=officer, completed_at=now, now=now, calendar=calendar)
        mail.received_notify(request, completed=True)
    return request
