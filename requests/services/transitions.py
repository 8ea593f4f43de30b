"""The request state machine: the allowed status changes, the shared state checks of the guards,
and the only function that changes a status (check, save, log)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ppid.rules import TransitionRefused, Verdict, refuse
from ppid.workdays import OfficeCalendar

from ..models import InformationRequest, RequestEvent

Status = InformationRequest.Status
AWAITING = InformationRequest.AWAITING_NOTICE_STATUSES
FINISHED = (Status.CLOSED, Status.WITHDRAWN)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.INCOMPLETE: frozenset({Status.REGISTERED, Status.WITHDRAWN}),
    Status.REGISTERED: frozenset({Status.IN_REVIEW, Status.DECIDED, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset({Status.DECIDED, Status.WITHDRAWN}),
    # DECIDED -> DECIDED: an overturn by the Atasan PPID or the Komisi Informasi reopens fulfilment.
    Status.DECIDED: frozenset({Status.DECIDED, Status.FULFILLED, Status.CLOSED, Status.WITHDRAWN}),
    Status.FULFILLED: frozenset({Status.CLOSED, Status.DECIDED}),
    Status.CLOSED: frozenset({Status.DECIDED}),
    Status.WITHDRAWN: frozenset(),
}


def lock_request(request_id: int) -> InformationRequest:
    """The request row, locked until the surrounding transaction ends."""
    return InformationRequest.objects.select_for_update().get(pk=request_id)


def local_text(moment: dt.datetime | None) -> str:
    """A moment as the office reads it, for messages (long date and time, office zone)."""
    if moment is None:
        return "-"
    return date_format(OfficeCalendar().to_local(moment), "j F Y H:i")


def day_text(day: dt.date | None) -> str:
    return date_format(day, "j F Y") if day else "-"


# -- the state checks the guards share ----------------------------------------------------------


def open_verdict(request: InformationRequest) -> Verdict | None:
    if request.status in FINISHED:
        return refuse(
            _("Permohonan sudah %(status)s; tidak ada tindakan lagi.") % {"status": request.get_status_display().lower()}
        )
    return None


def awaiting_notice_verdict(request: InformationRequest, *, what: str) -> Verdict | None:
    """Refused unless the request is registered and still awaits its written notice."""
    refusal = open_verdict(request)
    if refusal is not None:
        return refusal
    if request.status == Status.INCOMPLETE:
        return refuse(
            _("Permohonan belum lengkap; %(what)s baru dapat dilakukan setelah permohonan diregister.") % {"what": what}
        )
    if request.status not in AWAITING:
        return refuse(
            _("Permohonan sudah diputuskan pada %(date)s; %(what)s hanya dapat dilakukan sebelum keputusan.")
            % {"date": local_text(request.decided_at), "what": what}
        )
    return None


# -- writing ------------------------------------------------------------------------------------


def record_event(request: InformationRequest, *, action: str, actor=None, note: str = "", from_status="", to_status="", data=None):
    return RequestEvent.objects.create(
        request=request,
        action=action,
        actor=actor,
        note=note,
        from_status=from_status,
        to_status=to_status,
        data=data or {},
    )


def change_status(
    request: InformationRequest,
    *,
    to: str,
    actor,
    action: str,
    now: dt.datetime,
    note: str = "",
    extra_fields: tuple[str, ...] = (),
    data=None,
) -> InformationRequest:
    """Move a locked request to ``to`` (after the caller set ``extra_fields``), or refuse with the reason."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("change_status must run inside a transaction holding the row lock")
    current = request.status
    if to not in ALLOWED_TRANSITIONS[current]:
        raise TransitionRefused(
            _("Status permohonan tidak dapat diubah dari “%(from)s” ke “%(to)s”.")
            % {"from": Status(current).label, "to": Status(to).label}
        )
    request.status = to
    if to == Status.CLOSED:
        request.closed_at = now
        extra_fields += ("closed_at",)
    request.save(update_fields=("status", *extra_fields))
    record_event(request, action=action, actor=actor, note=note, from_status=current, to_status=to, data=data)
    return request
