"""The request state machine. A status changes only here: check, lock, save, log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.rules import TransitionRefused

from ..models import InformationRequest, RequestEvent

Status = InformationRequest.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.INCOMPLETE: frozenset({Status.REGISTERED, Status.WITHDRAWN}),
    Status.REGISTERED: frozenset({Status.IN_REVIEW, Status.DECIDED, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset({Status.DECIDED, Status.WITHDRAWN}),
    Status.DECIDED: frozenset({Status.FULFILLED, Status.CLOSED, Status.WITHDRAWN}),
    Status.FULFILLED: frozenset({Status.CLOSED, Status.WITHDRAWN}),  # withdrawal: any time before closing
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def lock_request(request_id: int) -> InformationRequest:
    """The request row, locked until the surrounding transaction ends."""
    return InformationRequest.objects.select_for_update().get(pk=request_id)


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
        request.closed_at = timezone.now()
        extra_fields += ("closed_at",)
    request.save(update_fields=("status", *extra_fields))
    record_event(request, action=action, actor=actor, note=note, from_status=current, to_status=to, data=data)
    return request
