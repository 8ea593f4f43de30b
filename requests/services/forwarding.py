"""Assigning an officer, forwarding a request to a PPID Pembantu, and the unit returning its material."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.models import Unit
from ppid.rules import ALLOWED, Verdict, actor_has_any, forbid, refuse, verdict_enforce

from ..events import RequestAction
from ..models import Forwarding, InformationRequest, Material
from . import mail
from .access import ASSIGN_PERMISSIONS, FORWARD_PERMISSIONS, SUPPLY_PERMISSIONS, actor_scope_verdict
from .files import files_removed_on_failure, material_store
from .transitions import awaiting_notice_verdict, change_status, lock_request, open_verdict, record_event

Status = InformationRequest.Status


def review_started(request: InformationRequest, *, actor, action: str, now: dt.datetime, note: str = "", data=None) -> None:
    """A registered request goes into review with its first back-office step; later steps are only logged."""
    if request.status == Status.REGISTERED:
        change_status(request, to=Status.IN_REVIEW, actor=actor, action=action, now=now, note=note, data=data)
    else:
        record_event(request, action=action, actor=actor, note=note, data=data)


# -- guards -----------------------------------------------------------------------------------


def assign_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    return actor_scope_verdict(actor, request, ASSIGN_PERMISSIONS) or open_verdict(request) or ALLOWED


def forward_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    return (
        actor_scope_verdict(actor, request, FORWARD_PERMISSIONS)
        or awaiting_notice_verdict(request, what=_("penerusan ke unit"))
        or ALLOWED
    )


def return_guard(actor, forwarding: Forwarding, now: dt.datetime) -> Verdict:
    """Only the unit a forwarding went to answers it, once, while the request is open."""
    if not actor_has_any(actor, SUPPLY_PERMISSIONS):
        return forbid()
    if not actor.is_superuser and actor.unit_id != forwarding.unit_id:
        return forbid(_("Penerusan ini ditujukan kepada unit lain."))
    refusal = open_verdict(forwarding.request)
    if refusal is not None:
        return refusal
    if forwarding.returned_at is not None:
        return refuse(_("Unit sudah mengembalikan bahan untuk penerusan ini."))
    return ALLOWED


# -- services ---------------------------------------------------------------------------------


@transaction.atomic
def request_assign(*, request_id: int, assignee, actor, now: dt.datetime) -> InformationRequest:
    request = lock_request(request_id)
    verdict_enforce(assign_guard(actor, request, now))
    previous = request.assignee
    request.assignee = assignee
    request.save(update_fields=["assignee"])
    record_event(
        request,
        action=RequestAction.ASSIGNED,
        actor=actor,
        data={"from": previous.pk if previous else None, "to": assignee.pk, "to_name": str(assignee)},
    )
    return request


@transaction.atomic
def request_forward(*, request_id: int, unit: Unit, note: str, actor, now: dt.datetime) -> Forwarding:
    """Send the request to the PPID Pembantu unit that holds the information."""
    request = lock_request(request_id)
    verdict_enforce(forward_guard(actor, request, now))
    if unit.kind != Unit.Kind.ASSISTING or not unit.is_active:
        raise ValidationError({"unit": _("Permohonan hanya dapat diteruskan ke PPID Pembantu yang aktif.")})
    if request.forwardings.filter(unit=unit, returned_at__isnull=True).exists():
        raise ValidationError({"unit": _("Permohonan sudah diteruskan ke %(unit)s dan belum dijawab.") % {"unit": unit}})
    forwarding = Forwarding.objects.create(request=request, unit=unit, note=note, forwarded_by=actor)
    review_started(
        request, actor=actor, action=RequestAction.FORWARDED, now=now, note=note, data={"unit": unit.pk, "unit_name": unit.name}
    )
    mail.forwarded_notify(request, forwarding_id=forwarding.pk, unit_name=unit.name)
    return forwarding


@files_removed_on_failure
@transaction.atomic
def forwarding_return(*, forwarding_id: int, note: str, files, actor, now: dt.datetime) -> Forwarding:
    """The unit answers a forwarding with its material (files and a note)."""
    request_id = Forwarding.objects.values_list("request_id", flat=True).get(pk=forwarding_id)
    request = lock_request(request_id)
    forwarding = Forwarding.objects.select_for_update().select_related("unit").get(pk=forwarding_id)
    forwarding.request = request
    verdict_enforce(return_guard(actor, forwarding, now))
    files = list(files or [])
    if not note.strip() and not files:
        raise ValidationError(_("Tuliskan catatan atau lampirkan bahan informasi."))
    for upload in files:
        material_store(request=request, kind=Material.Kind.UNIT_MATERIAL, upload=upload, actor=actor, forwarding=forwarding)
    forwarding.returned_at = now
    forwarding.return_note = note
    forwarding.returned_by = actor
    forwarding.save(update_fields=["returned_at", "return_note", "returned_by"])
    record_event(
        request,
        action=RequestAction.MATERIAL_RETURNED,
        actor=actor,
        note=note,
        data={"unit": forwarding.unit_id, "unit_name": forwarding.unit.name, "files": len(files)},
    )
    return forwarding
