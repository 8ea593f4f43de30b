"""Processing a request: forwarding, exemption review, coordination meeting, extension, decision and
written notice, fulfilment, closing and withdrawal.

Every function here checks the role, locks the request row, checks the state machine and the
law, writes, and logs an event (through requests.services.transitions). A refusal is a
``TransitionRefused`` with an Indonesian message for the user; a refusal for lack of a role is
``ActionNotPermitted`` (the views answer 403). Deadline columns change only through
requests.services.deadlines. ``now`` is passed in so the rules are testable without freezing time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _

from ppid.law import InformationCategory
from ppid.models import Unit
from ppid.rules import ActionNotPermitted
from ppid.workdays import OfficeCalendar

from ..models import (
    CoordinationMeeting,
    Decision,
    Delivery,
    DeliveryMethod,
    Forwarding,
    InformationRequest,
    Material,
    Notice,
    Review,
)
from . import notices
from .deadlines import request_deadlines_recompute
from .files import files_removed_on_failure, material_store
from .transitions import TransitionRefused, change_status, lock_request, record_event

Status = InformationRequest.Status
AWAITING = InformationRequest.AWAITING_NOTICE_STATUSES
GIVES_INFORMATION = (Decision.GRANTED, Decision.PARTLY_GRANTED)

# Who may do what: Django permissions granted to the roles by requests/migrations/0002.
FORWARD_PERMISSIONS = ("requests.review_request", "requests.decide_request")
REVIEW_PERMISSIONS = ("requests.review_request",)
MEETING_PERMISSIONS = ("requests.review_request", "requests.decide_request")
DECIDE_PERMISSIONS = ("requests.decide_request",)
SUPPLY_PERMISSIONS = ("requests.supply_information",)
DELIVER_PERMISSIONS = ("requests.decide_request", "requests.intake_request", "requests.supply_information")
DESK_PERMISSIONS = ("requests.intake_request", "requests.decide_request")
ASSIGN_PERMISSIONS = ("requests.review_request", "requests.decide_request", "requests.intake_request")


def actor_require(actor, permissions: tuple[str, ...]) -> None:
    """Refuse unless ``actor`` holds one of ``permissions``."""
    if actor is None or not actor.is_authenticated or not any(actor.has_perm(p) for p in permissions):
        raise ActionNotPermitted(_("Peran Anda tidak berwenang melakukan tindakan ini."))


def actor_in_unit_scope(actor, request: InformationRequest) -> bool:
    """Staff of a PPID Pembantu act only on their unit's requests and those forwarded to it."""
    if actor.is_superuser or actor.unit_id is None or actor.unit.kind != Unit.Kind.ASSISTING:
        return True
    return request.unit_id == actor.unit_id or request.forwardings.filter(unit_id=actor.unit_id).exists()


def _locked(request_id: int, actor) -> InformationRequest:
    request = lock_request(request_id)
    if not actor_in_unit_scope(actor, request):
        raise ActionNotPermitted(_("Permohonan ini bukan milik unit Anda."))
    return request


def _refuse_unless_open(request: InformationRequest) -> None:
    if request.status in (Status.CLOSED, Status.WITHDRAWN):
        raise TransitionRefused(
            _("Permohonan sudah %(status)s; tidak ada tindakan lagi.") % {"status": request.get_status_display().lower()}
        )


def _refuse_unless_awaiting_notice(request: InformationRequest, *, what: str) -> None:
    _refuse_unless_open(request)
    if request.status == Status.INCOMPLETE:
        raise TransitionRefused(_("Permohonan belum lengkap; %(what)s baru dapat dilakukan setelah permohonan diregister.") % {"what": what})
    if request.status not in AWAITING:
        raise TransitionRefused(
            _("Permohonan sudah diputuskan pada %(date)s; %(what)s hanya dapat dilakukan sebelum keputusan.")
            % {"date": _local_text(request.decided_at), "what": what}
        )


def _local_text(moment) -> str:
    if moment is None:
        return "-"
    return OfficeCalendar().to_local(moment).strftime("%d-%m-%Y %H:%M")


def _start_review(request: InformationRequest, *, actor, action: str, note: str = "", data=None) -> None:
    """A registered request goes into review with its first back-office step; otherwise just log it."""
    if request.status == Status.REGISTERED:
        change_status(request, to=Status.IN_REVIEW, actor=actor, action=action, note=note, data=data)
    else:
        record_event(request, action=action, actor=actor, note=note, data=data)


# -- assignment and forwarding --------------------------------------------------------------


@transaction.atomic
def request_assign(*, request_id: int, assignee, actor, now: dt.datetime) -> InformationRequest:
    actor_require(actor, ASSIGN_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_open(request)
    previous = request.assignee
    request.assignee = assignee
    request.save(update_fields=["assignee"])
    record_event(
        request,
        action="assigned",
        actor=actor,
        note=str(assignee),
        data={"from": previous.pk if previous else None, "to": assignee.pk},
    )
    return request


@transaction.atomic
def request_forward(*, request_id: int, unit: Unit, note: str, actor, now: dt.datetime) -> Forwarding:
    """Send the request to the PPID Pembantu unit that holds the information."""
    actor_require(actor, FORWARD_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_awaiting_notice(request, what=_("penerusan ke unit"))
    if unit.kind != Unit.Kind.ASSISTING or not unit.is_active:
        raise TransitionRefused(_("Permohonan hanya dapat diteruskan ke PPID Pembantu yang aktif."))
    if request.forwardings.filter(unit=unit, returned_at__isnull=True).exists():
        raise TransitionRefused(_("Permohonan sudah diteruskan ke %(unit)s dan belum dijawab.") % {"unit": unit})
    forwarding = Forwarding.objects.create(request=request, unit=unit, note=note, forwarded_by=actor)
    _start_review(request, actor=actor, action="forwarded", note=note, data={"unit": unit.pk, "unit_name": unit.name})
    return forwarding


@files_removed_on_failure
@transaction.atomic
def forwarding_return(*, forwarding_id: int, note: str, files, actor, now: dt.datetime) -> Forwarding:
    """The unit answers a forwarding with its material (files and a note)."""
    actor_require(actor, SUPPLY_PERMISSIONS)
    forwarding = Forwarding.objects.select_related("unit").get(pk=forwarding_id)
    request = lock_request(forwarding.request_id)
    forwarding = Forwarding.objects.select_for_update().get(pk=forwarding_id)
    if not actor.is_superuser and actor.unit_id != forwarding.unit_id:
        raise ActionNotPermitted(_("Penerusan ini ditujukan kepada unit lain."))
    _refuse_unless_open(request)
    if forwarding.returned_at is not None:
        raise TransitionRefused(_("Unit sudah mengembalikan bahan untuk penerusan ini."))
    files = list(files or [])
    if not note.strip() and not files:
        raise TransitionRefused(_("Tuliskan catatan atau lampirkan bahan informasi."))
    for upload in files:
        material_store(request=request, kind=Material.Kind.UNIT_MATERIAL, upload=upload, actor=actor, forwarding=forwarding)
    forwarding.returned_at = now
    forwarding.return_note = note
    forwarding.returned_by = actor
    forwarding.save(update_fields=["returned_at", "return_note", "returned_by"])
    record_event(
        request,
        action="material_returned",
        actor=actor,
        note=note,
        data={"unit": forwarding.unit_id, "unit_name": forwarding.unit.name, "files": len(files)},
    )
    return forwarding


# -- exemption review and coordination meeting ----------------------------------------------


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
    actor_require(actor, REVIEW_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_awaiting_notice(request, what=_("uji konsekuensi"))
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
    _start_review(
        request,
        actor=actor,
        action="reviewed",
        note=review.get_outcome_display(),
        data={"review": review.pk, "outcome": outcome, "letter": review.exemption_letter},
    )
    return review


@files_removed_on_failure
@transaction.atomic
def meeting_record(
    *, request_id: int, held_on: dt.date, attendees: str, summary: str, actor, now: dt.datetime, minutes=None
) -> CoordinationMeeting:
    """A coordination meeting with the units concerned before a refusal (seed 004), with its signed minutes."""
    actor_require(actor, MEETING_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_awaiting_notice(request, what=_("rapat koordinasi"))
    calendar = OfficeCalendar()
    if held_on > calendar.local_date(now):
        raise ValidationError({"held_on": _("Tanggal rapat tidak boleh di masa depan.")})
    minutes_material = None
    if minutes is not None:
        minutes_material = material_store(request=request, kind=Material.Kind.MEETING_MINUTES, upload=minutes, actor=actor)
    meeting = CoordinationMeeting.objects.create(
        request=request, held_on=held_on, attendees=attendees, summary=summary, minutes=minutes_material, recorded_by=actor
    )
    _start_review(request, actor=actor, action="meeting_recorded", note=summary[:200], data={"meeting": meeting.pk})
    return meeting


# -- extension -------------------------------------------------------------------------------


@files_removed_on_failure
@transaction.atomic
def request_extend(*, request_id: int, reason: str, actor, now: dt.datetime) -> Notice:
    """Extend the notice deadline once by 7 working days, before the decision and at the latest on the due day."""
    actor_require(actor, DECIDE_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_awaiting_notice(request, what=_("perpanjangan waktu"))
    if request.extended_at is not None:
        raise TransitionRefused(
            _("Jangka waktu sudah diperpanjang pada %(date)s; perpanjangan hanya boleh satu kali (UU KIP pasal 22 ayat 8).")
            % {"date": _local_text(request.extended_at)}
        )
    calendar = OfficeCalendar()
    today = calendar.local_date(now)
    if request.notice_due is not None and today > request.notice_due:
        raise TransitionRefused(
            _("Batas waktu pemberitahuan tertulis (%(due)s) sudah lewat; perpanjangan paling lambat pada hari batas waktu itu.")
            % {"due": request.notice_due.strftime("%d-%m-%Y")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan perpanjangan wajib ditulis.")})
    request.extended_at = now
    request.extension_reason = reason
    fields = ("extended_at", "extension_reason")
    # The due date before the extension, kept so the ledger of a decided request shows it as it was.
    data = {"notice_due_before": request.notice_due.isoformat() if request.notice_due else None}
    if request.status == Status.REGISTERED:
        change_status(request, to=Status.IN_REVIEW, actor=actor, action="extended", note=reason, extra_fields=fields, data=data)
    else:
        request.save(update_fields=fields)
        record_event(request, action="extended", actor=actor, note=reason, data=data)
    request_deadlines_recompute(request, calendar=calendar, actor=actor, reason=_("Perpanjangan waktu: %(reason)s") % {"reason": reason})
    notice = notices.notice_issue(
        request=request,
        kind=Notice.Kind.EXTENSION,
        actor=actor,
        now=now,
        calendar=calendar,
        body=reason,
        format=request.obtain_method,
        delivery_method=request.delivery_method,
    )
    transaction.on_commit(lambda: notices.notice_send(notice=notice), robust=True)  # the notice stands even if mail fails
    return notice


# -- decision and written notice ------------------------------------------------------------


def _latest_review(request: InformationRequest) -> Review | None:
    return request.reviews.order_by("-reviewed_at", "-pk").first()


def _decision_validate(*, request, decision, review, material, withheld, holding_body, meeting):
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
    holding_body: str = "",
    body: str = "",
    meeting=None,
) -> Notice:
    """Decide and issue the written notice (or, for a refusal, the surat keputusan penolakan).

    A notice after the due date is accepted and recorded as late.
    """
    actor_require(actor, DECIDE_PERMISSIONS)
    request = _locked(request_id, actor)
    if request.status not in AWAITING and request.decided_at is not None:
        _refuse_unless_open(request)
        raise TransitionRefused(
            _("Permohonan sudah diputuskan (%(decision)s) pada %(date)s; keputusan tidak dapat diberikan dua kali.")
            % {"decision": request.get_decision_display().lower(), "date": _local_text(request.decided_at)}
        )
    _refuse_unless_awaiting_notice(request, what=_("keputusan"))
    review = None if decision == Decision.NOT_HELD else _latest_review(request)
    _decision_validate(
        request=request, decision=decision, review=review, material=material, withheld=withheld, holding_body=holding_body, meeting=meeting
    )
    notice = _decide(
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
        holding_body=holding_body,
        body=body,
        meeting=meeting,
    )
    transaction.on_commit(lambda: notices.notice_send(notice=notice), robust=True)  # the notice stands even if mail fails
    return notice


def _decide(request, *, decision, review, actor, now, calendar, meeting=None, **notice_fields) -> Notice:
    request.decision = decision
    request.decided_at = now
    request.is_held = decision != Decision.NOT_HELD
    request.copy_fee = notice_fields["copy_fee"]
    late = request.notice_due is not None and calendar.local_date(now) > request.notice_due
    change_status(
        request,
        to=Status.DECIDED,
        actor=actor,
        action="decided",
        note=request.get_decision_display(),
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


# -- fulfilment, closing, withdrawal --------------------------------------------------------


def _refuse_unless_deliverable(request: InformationRequest) -> None:
    _refuse_unless_open(request)
    if request.status in (Status.INCOMPLETE, *AWAITING):
        raise TransitionRefused(_("Informasi tidak dapat diserahkan sebelum ada keputusan dan pemberitahuan tertulis."))
    if request.status == Status.FULFILLED:
        raise TransitionRefused(_("Informasi sudah diserahkan pada %(date)s.") % {"date": _local_text(request.fulfilled_at)})
    if request.decision not in GIVES_INFORMATION:
        raise TransitionRefused(
            _("Keputusan permohonan ini “%(decision)s”: tidak ada informasi yang diserahkan.")
            % {"decision": request.get_decision_display()}
        )


def _deliver(request, *, method, delivered_at, recipient_name, proof_note, files, proof, actor, now, calendar, action) -> Delivery:
    files = list(files or [])
    errors = {}
    if delivered_at > now:
        errors["delivered_at"] = _("Waktu penyerahan tidak boleh di masa depan.")
    has_information = files or request.materials.filter(kind=Material.Kind.INFORMATION).exists()
    if method in (DeliveryMethod.DOWNLOAD, DeliveryMethod.EMAIL) and not has_information:
        errors["files"] = _("Unggah berkas informasi untuk dikirim atau diunduh pemohon.")
    if method == DeliveryMethod.PICK_UP and not recipient_name.strip():
        errors["recipient_name"] = _("Tuliskan nama penerima untuk berita acara serah terima.")
    if method in (DeliveryMethod.POST, DeliveryMethod.FAX) and not (proof_note.strip() or proof):
        errors["proof_note"] = _("Catat bukti pengiriman (nomor resi atau laporan faksimili) atau unggah buktinya.")
    if errors:
        raise ValidationError(errors)
    for upload in files:
        material_store(request=request, kind=Material.Kind.INFORMATION, upload=upload, actor=actor)
    proof_material = material_store(request=request, kind=Material.Kind.PROOF, upload=proof, actor=actor) if proof else None
    delivery = Delivery.objects.create(
        request=request,
        method=method,
        delivered_at=delivered_at,
        recipient_name=recipient_name,
        proof_note=proof_note,
        proof=proof_material,
        recorded_by=actor,
    )
    request.fulfilled_at = delivered_at
    change_status(
        request,
        to=Status.FULFILLED,
        actor=actor,
        action=action,
        note=delivery.get_method_display(),
        extra_fields=("fulfilled_at",),
        data={"delivery": delivery.pk, "method": method},
    )
    if method == DeliveryMethod.PICK_UP:
        notice = request.notices.exclude(kind=Notice.Kind.EXTENSION).first()
        notices.handover_store(delivery=delivery, calendar=calendar, notice=notice)
    if method == DeliveryMethod.EMAIL:
        transaction.on_commit(lambda: _email_information(delivery_id=delivery.pk), robust=True)
    return delivery


def _email_information(*, delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("request__requester").get(pk=delivery_id)
    request = delivery.request
    address = request.requester.email
    if not address:
        return
    message = EmailMessage(
        subject=_("Informasi yang Anda minta, permohonan %(number)s") % {"number": request},
        body=_("Terlampir informasi yang Anda minta. Berkas juga tersedia pada halaman permohonan Anda di portal."),
        to=[address],
    )
    for material in request.materials.filter(kind=Material.Kind.INFORMATION):
        with material.file.open("rb") as handle:
            message.attach(material.original_name, handle.read())
    message.send(fail_silently=True)
    record_event(request, action="information_emailed", note=address, data={"delivery": delivery.pk})


@files_removed_on_failure
@transaction.atomic
def request_fulfil(
    *,
    request_id: int,
    method: str,
    actor,
    now: dt.datetime,
    delivered_at: dt.datetime | None = None,
    recipient_name: str = "",
    proof_note: str = "",
    files=(),
    proof=None,
) -> Delivery:
    """Hand over or send the information: berita acara for a pick-up, proof of sending otherwise."""
    actor_require(actor, DELIVER_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_deliverable(request)
    return _deliver(
        request,
        method=method,
        delivered_at=delivered_at or now,
        recipient_name=recipient_name,
        proof_note=proof_note,
        files=files,
        proof=proof,
        actor=actor,
        now=now,
        calendar=OfficeCalendar(),
        action="fulfilled",
    )


@files_removed_on_failure
@transaction.atomic
def request_grant_at_desk(
    *,
    request_id: int,
    material: str,
    recipient_name: str,
    actor,
    now: dt.datetime,
    method: str = DeliveryMethod.PICK_UP,
    files=(),
    proof_note: str = "",
) -> Delivery:
    """Information available at any time (DIP "setiap saat"): decided and handed over in one step, both recorded."""
    actor_require(actor, DESK_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_awaiting_notice(request, what=_("pemberian langsung di meja layanan"))
    if request.dip_item is None or request.dip_item.category != InformationCategory.ANY_TIME:
        raise TransitionRefused(
            _("Hanya informasi yang tercantum dalam DIP sebagai tersedia setiap saat yang dapat diputuskan dan diserahkan sekaligus.")
        )
    if not material.strip():
        raise ValidationError({"material": _("Sebutkan materi informasi yang diberikan.")})
    calendar = OfficeCalendar()
    _decide(
        request,
        decision=Decision.GRANTED,
        review=None,
        actor=actor,
        now=now,
        calendar=calendar,
        material=material,
        withheld="",
        format=request.obtain_method,
        delivery_method=method,
        copy_fee=Decimal(0),
        holding_body="",
        body=_("Informasi tersedia setiap saat (%(item)s).") % {"item": request.dip_item.title},
    )
    return _deliver(
        request,
        method=method,
        delivered_at=now,
        recipient_name=recipient_name,
        proof_note=proof_note,
        files=files,
        proof=None,
        actor=actor,
        now=now,
        calendar=calendar,
        action="fulfilled_at_desk",
    )


@transaction.atomic
def request_close(*, request_id: int, actor, now: dt.datetime, note: str = "") -> InformationRequest:
    """Close a request once it is fulfilled, or once a refusal / not-held notice is issued."""
    actor_require(actor, DESK_PERMISSIONS)
    request = _locked(request_id, actor)
    _refuse_unless_open(request)
    if request.status in (Status.INCOMPLETE, *AWAITING):
        raise TransitionRefused(_("Permohonan belum diputuskan; tutup setelah pemberitahuan tertulis diterbitkan."))
    if request.status == Status.DECIDED and request.decision in GIVES_INFORMATION:
        raise TransitionRefused(_("Informasi belum diserahkan; catat penyerahan sebelum menutup permohonan."))
    return change_status(request, to=Status.CLOSED, actor=actor, action="closed", note=note)


@transaction.atomic
def request_withdraw(*, request_id: int, reason: str, actor, now: dt.datetime) -> InformationRequest:
    """The requester withdraws (online, or recorded by staff at the desk) at any time before closing."""
    request = lock_request(request_id)
    is_own = getattr(getattr(actor, "requester", None), "pk", None) == request.requester_id
    if not is_own:
        actor_require(actor, DESK_PERMISSIONS)
        if not actor_in_unit_scope(actor, request):
            raise ActionNotPermitted(_("Permohonan ini bukan milik unit Anda."))
    if request.status == Status.CLOSED:
        raise TransitionRefused(_("Permohonan sudah ditutup; pencabutan hanya dapat dilakukan sebelum permohonan ditutup."))
    if request.status == Status.WITHDRAWN:
        raise TransitionRefused(_("Permohonan sudah dicabut."))
    return change_status(request, to=Status.WITHDRAWN, actor=actor, action="withdrawn", note=reason, extra_fields=())


@transaction.atomic
def notice_receipt_record(*, notice_id: int, received_on: dt.date, actor, now: dt.datetime) -> Notice:
    """The day a notice sent by post or handed over reached the requester: the objection window runs from it."""
    actor_require(actor, DESK_PERMISSIONS)
    notice = Notice.objects.select_related("request").get(pk=notice_id)
    request = _locked(notice.request_id, actor)
    notice = Notice.objects.select_for_update().get(pk=notice_id)
    calendar = OfficeCalendar()
    if notice.received_by_requester_on is not None:
        raise TransitionRefused(
            _("Tanggal diterima pemohon sudah dicatat (%(date)s).") % {"date": notice.received_by_requester_on.strftime("%d-%m-%Y")}
        )
    if received_on < calendar.local_date(notice.issued_at) or received_on > calendar.local_date(now):
        raise ValidationError({"received_on": _("Tanggal diterima harus antara tanggal terbit pemberitahuan dan hari ini.")})
    notice.received_by_requester_on = received_on
    notice.save(update_fields=["received_by_requester_on"])
    record_event(
        request,
        action="notice_received",
        actor=actor,
        note=notice.number,
        data={"notice": notice.pk, "received_on": received_on.isoformat()},
    )
    return notice
