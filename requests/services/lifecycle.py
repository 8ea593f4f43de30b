"""The end of a request's life and its return: closing, withdrawal by the requester, and reopening
for fulfilment when the Atasan PPID or the Komisi Informasi orders the information given."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.rules import ALLOWED, Verdict, forbid, refuse, verdict_enforce

from ..events import RequestAction
from ..models import InformationRequest
from .access import DESK_PERMISSIONS, actor_is_requester_of, actor_scope_verdict
from .decision import GIVES_INFORMATION
from .transitions import AWAITING, change_status, local_text, lock_request, open_verdict

Status = InformationRequest.Status


def close_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    """A request closes once its information was handed over, or once a refusal or not-held notice stands."""
    refusal = actor_scope_verdict(actor, request, DESK_PERMISSIONS) or open_verdict(request)
    if refusal is not None:
        return refusal
    if request.status in (Status.INCOMPLETE, *AWAITING):
        return refuse(_("Permohonan belum diputuskan; tutup setelah pemberitahuan tertulis diterbitkan."))
    if request.status == Status.DECIDED and request.decision in GIVES_INFORMATION:
        return refuse(_("Informasi belum diserahkan; catat penyerahan sebelum menutup permohonan."))
    return ALLOWED


def withdraw_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    """The requester withdraws (online, or recorded by desk staff) until the information is handed over."""
    if not actor_is_requester_of(actor, request):
        refusal = actor_scope_verdict(actor, request, DESK_PERMISSIONS)
        if refusal is not None:
            return refusal
    if request.status == Status.CLOSED:
        return refuse(_("Permohonan sudah ditutup; pencabutan hanya dapat dilakukan sebelum permohonan ditutup."))
    if request.status == Status.WITHDRAWN:
        return refuse(_("Permohonan sudah dicabut."))
    if request.status == Status.FULFILLED:
        return refuse(
            _("Informasi sudah diserahkan pada %(date)s; permohonan yang sudah dipenuhi tidak dapat dicabut.")
            % {"date": local_text(request.fulfilled_at)}
        )
    return ALLOWED


def reopen_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    """Only an order of the Atasan PPID or the Komisi Informasi reopens a decided request (objections call it)."""
    if actor is None or not actor.is_authenticated:
        return forbid()
    if request.status == Status.WITHDRAWN:
        return refuse(_("Permohonan sudah dicabut."))
    if request.status not in (Status.DECIDED, Status.FULFILLED, Status.CLOSED):
        return refuse(_("Hanya permohonan yang sudah diputuskan yang dapat dibuka kembali untuk pemenuhan."))
    return ALLOWED


@transaction.atomic
def request_close(*, request_id: int, actor, now: dt.datetime, note: str = "") -> InformationRequest:
    request = lock_request(request_id)
    verdict_enforce(close_guard(actor, request, now))
    return change_status(request, to=Status.CLOSED, actor=actor, action=RequestAction.CLOSED, now=now, note=note)


@transaction.atomic
def request_withdraw(*, request_id: int, reason: str, actor, now: dt.datetime) -> InformationRequest:
    request = lock_request(request_id)
    verdict_enforce(withdraw_guard(actor, request, now))
    return change_status(request, to=Status.WITHDRAWN, actor=actor, action=RequestAction.WITHDRAWN, now=now, note=reason)


@transaction.atomic
def request_reopen_for_fulfilment(
    *, request_id: int, decision: str, reason_code: str, reference: str, actor, now: dt.datetime
) -> InformationRequest:
    """Back to DECIDED with the ordered decision (granted or partly granted): the PPID fulfils it as usual.

    ``reason_code`` says who ordered it (e.g. "objection_answer", "dispute_decision") and
    ``reference`` the number of the order; both are kept in the event.
    """
    if decision not in GIVES_INFORMATION:
        raise ValueError("an order to give information grants it in whole or in part")
    request = lock_request(request_id)
    verdict_enforce(reopen_guard(actor, request, now))
    previous = request.decision
    request.decision = decision
    request.is_held = True
    request.fulfilled_at = None
    request.closed_at = None
    return change_status(
        request,
        to=Status.DECIDED,
        actor=actor,
        action=RequestAction.REOPENED,
        now=now,
        extra_fields=("decision", "is_held", "fulfilled_at", "closed_at"),
        data={"reason": reason_code, "reference": reference, "decision_before": previous, "decision": decision},
    )

