"""What requests tell the requester, and the documents that go with it.

A service calls the ``*_notify`` functions inside its transaction; ``ppid.notify`` hands them to
the notifications layer, which records each message in its outbox (a rollback takes it away),
sends it after commit with retries, and reports the outcome back through ``notification_logged``:
the request's event log says sent, failed (with the error's kind, and whether it was the last
try) or skipped (no address, or the requester turned email off), only after it happened.
"""

from __future__ import annotations

from ppid.notify import FAILED, SENT, SKIPPED, requester_notify

from ..events import RequestAction
from ..models import Delivery, InformationRequest, Material, Notice
from .notices import delivery_proof_after_send, safe_number
from .transitions import record_event

REQUEST = "request"

# Kinds of requester notification sent by requests (templates/notifications/email/<kind>.txt).
RECEIVED = "request_received"
COMPLETED = "request_completed"
FORWARDED = "request_forwarded"
EXTENDED = "request_extended"
DECIDED = "request_decided"
INFORMATION_SENT = "information_sent"

# The event codes each outcome writes: the notices and the information keep their own codes.
_GENERIC = {
    SENT: RequestAction.NOTIFICATION_EMAILED,
    FAILED: RequestAction.NOTIFICATION_EMAIL_FAILED,
    SKIPPED: RequestAction.NOTIFICATION_EMAIL_SKIPPED,
}
_NOTICE = {SENT: RequestAction.NOTICE_EMAILED, FAILED: RequestAction.NOTICE_EMAIL_FAILED, SKIPPED: RequestAction.NOTICE_EMAIL_SKIPPED}
_INFORMATION = {
    SENT: RequestAction.INFORMATION_EMAILED,
    FAILED: RequestAction.INFORMATION_EMAIL_FAILED,
    SKIPPED: RequestAction.INFORMATION_EMAIL_SKIPPED,
}
OUTCOME_ACTIONS = {EXTENDED: _NOTICE, DECIDED: _NOTICE, INFORMATION_SENT: _INFORMATION}


def requester_address(requester) -> str:
    return requester.email or (requester.user.email if requester.user_id and requester.user else "")


def _notify(request: InformationRequest, kind: str, key: str, data: dict | None = None) -> None:
    requester_notify(kind=kind, item_type=REQUEST, item_id=request.pk, requester_id=request.requester_id, key=key, data=data)


def received_notify(request: InformationRequest, *, completed: bool = False) -> None:
    """Received (or completed at the desk) and registered: the receipt goes with it."""
    _notify(request, COMPLETED if completed else RECEIVED, key=f"registered:{request.register_number or request.tracking_code}")


def forwarded_notify(request: InformationRequest, *, forwarding_id: int, unit_name: str) -> None:
    _notify(request, FORWARDED, key=f"forwarding:{forwarding_id}", data={"unit_name": unit_name})


def notice_send_after_commit(notice: Notice) -> None:
    """The notice (a decision, a refusal or an extension) goes to the requester once committed."""
    kind = EXTENDED if notice.kind == Notice.Kind.EXTENSION else DECIDED
    _notify(notice.request, kind, key=f"notice:{notice.pk}", data={"notice": notice.pk, "number": notice.number})


def information_send_after_commit(delivery: Delivery) -> None:
    _notify(delivery.request, INFORMATION_SENT, key=f"delivery:{delivery.pk}", data={"delivery": delivery.pk, "method": delivery.method})


def notice_attachment(notice_id: int) -> tuple[str, bytes, str]:
    notice = Notice.objects.get(pk=notice_id)
    with notice.pdf.open("rb") as handle:
        return f"{safe_number(notice.number)}.pdf", handle.read(), "application/pdf"


def information_attachments(request_id: int) -> list[tuple[str, bytes, str | None]]:
    files = []
    for material in Material.objects.filter(request_id=request_id, kind=Material.Kind.INFORMATION):
        with material.file.open("rb") as handle:
            files.append((material.original_name, handle.read(), None))
    return files


def notification_logged(*, request_id: int, kind: str, outcome: str, data: dict) -> None:
    """The notifications layer reports what happened to one email; the event log records it."""
    action = OUTCOME_ACTIONS.get(kind, _GENERIC)[outcome]
    request = InformationRequest.objects.get(pk=request_id)
    if kind not in OUTCOME_ACTIONS:
        data = {"kind": kind, **data}
    record_event(request, action=action, data=data)
    if kind == INFORMATION_SENT and outcome == SENT and data.get("delivery"):
        # The proof of sending exists only once the mail has left (docs/letters.md).
        delivery_proof_after_send(delivery_id=data["delivery"])
