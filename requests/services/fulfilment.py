"""Fulfilment: handing over or sending the information, and the grant at the desk of information available at any time.

A pick-up gets a berita acara, every other method a proof of sending (both numbered, ppid.letters);
post and fax need the receipt or fax report; email and download need the files.
Information sent by email leaves after commit, and the log says whether it was sent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.law import InformationCategory
from ppid.pdf import DOCUMENT_LANGUAGE
from ppid.rules import ALLOWED, Verdict, refuse, verdict_enforce
from ppid.workdays import OfficeCalendar

from ..events import RequestAction
from ..models import Decision, Delivery, DeliveryMethod, InformationRequest, Material, Notice
from . import mail, notices
from .access import DELIVER_PERMISSIONS, DESK_PERMISSIONS, actor_scope_verdict
from .decision import GIVES_INFORMATION, decision_record
from .files import files_removed_on_failure, material_store
from .transitions import AWAITING, awaiting_notice_verdict, change_status, local_text, lock_request, open_verdict

Status = InformationRequest.Status


def fulfil_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    refusal = actor_scope_verdict(actor, request, DELIVER_PERMISSIONS) or open_verdict(request)
    if refusal is not None:
        return refusal
    if request.status in (Status.INCOMPLETE, *AWAITING):
        return refuse(gettext_lazy("Informasi tidak dapat diserahkan sebelum ada keputusan dan pemberitahuan tertulis."))
    if request.status == Status.FULFILLED:
        return refuse(gettext_lazy("Informasi sudah diserahkan pada %(date)s.") % {"date": local_text(request.fulfilled_at)})
    if request.decision not in GIVES_INFORMATION:
        return refuse(
            gettext_lazy("Keputusan permohonan ini “%(decision)s”: tidak ada informasi yang diserahkan.")
            % {"decision": request.get_decision_display()}
        )
    return ALLOWED


def desk_grant_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    refusal = actor_scope_verdict(actor, request, DESK_PERMISSIONS) or awaiting_notice_verdict(
        request, what=gettext_lazy("pemberian langsung di meja layanan")
    )
    if refusal is not None:
        return refusal
    if request.dip_item_id is None or request.dip_item.category != InformationCategory.ANY_TIME:
        return refuse(
            gettext_lazy(
                "Hanya informasi yang tercantum dalam DIP sebagai tersedia setiap saat yang dapat diputuskan dan diserahkan sekaligus."
            )
        )
    return ALLOWED


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
        now=now,
        extra_fields=("fulfilled_at",),
        data={"delivery": delivery.pk, "method": method},
    )
    # Every method leaves a numbered document: the berita acara of a pick-up, a proof of sending otherwise.
    # An email's proof is made once the mail has left (requests.services.mail), never for a mail that failed.
    if method == DeliveryMethod.EMAIL:
        mail.information_send_after_commit(delivery)
    else:
        notice = request.notices.exclude(kind=Notice.Kind.EXTENSION).first()
        notices.handover_store(delivery=delivery, calendar=calendar, notice=notice)
    return delivery


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
    request = lock_request(request_id)
    verdict_enforce(fulfil_guard(actor, request, now))
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
        action=RequestAction.FULFILLED,
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
    request = lock_request(request_id)
    verdict_enforce(desk_grant_guard(actor, request, now))
    if not material.strip():
        raise ValidationError({"material": _("Sebutkan materi informasi yang diberikan.")})
    calendar = OfficeCalendar()
    with translation.override(DOCUMENT_LANGUAGE):  # stored in the notice: always Indonesian
        body = _("Informasi tersedia setiap saat (%(item)s).") % {"item": request.dip_item.title}
    decision_record(
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
        body=body,
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
        action=RequestAction.FULFILLED_AT_DESK,
    )
