"""What objections and disputes tell the requester, and the documents that go with it.

A service calls the ``*_notify`` functions inside its transaction; ``ppid.notify`` hands them to
the notifications layer, which records each message in its outbox (a rollback takes it away),
sends it after commit with retries, and reports the outcome back through ``notification_logged``:
the objection's event log says sent, failed (with the error's kind, and whether it was the last
try) or skipped (no address, or the requester turned email off), only after it happened.
"""

from __future__ import annotations

from ppid.notify import FAILED, SENT, SKIPPED, requester_notify

from ..events import ObjectionAction
from ..models import Answer, Dispute, Objection, ObjectionEvent
from .documents import receipt_render, safe_number

OBJECTION = "objection"

# Kinds of requester notification (templates/notifications/email/<kind>.txt).
RECEIVED = "objection_received"
ANSWERED = "objection_answered"
DISPUTE_RECORDED = "dispute_recorded"

_GENERIC = {
    SENT: ObjectionAction.NOTIFICATION_EMAILED,
    FAILED: ObjectionAction.NOTIFICATION_EMAIL_FAILED,
    SKIPPED: ObjectionAction.NOTIFICATION_EMAIL_SKIPPED,
}
# The answer keeps its own codes (as notices do for requests).
OUTCOME_ACTIONS = {
    ANSWERED: {SENT: ObjectionAction.ANSWER_EMAILED, FAILED: ObjectionAction.ANSWER_EMAIL_FAILED, SKIPPED: ObjectionAction.ANSWER_EMAIL_SKIPPED}
}


def _notify(objection: Objection, kind: str, key: str, data: dict) -> None:
    requester_notify(kind=kind, item_type=OBJECTION, item_id=objection.pk, requester_id=objection.requester_id, key=key, data=data)


def received_notify(objection: Objection) -> None:
    """Registered: the receipt goes with it."""
    _notify(objection, RECEIVED, key=f"registered:{objection.register_number}", data={"number": objection.register_number})


def answered_notify(answer: Answer) -> None:
    """The Atasan's answer is issued: the answer PDF goes with it."""
    _notify(answer.objection, ANSWERED, key=f"answer:{answer.pk}", data={"answer": answer.pk, "number": answer.number})


def dispute_recorded_notify(dispute: Dispute) -> None:
    """A dispute is recorded (by the requester's escalation or by the dispute desk)."""
    _notify(dispute.objection, DISPUTE_RECORDED, key=f"dispute:{dispute.pk}", data={"dispute": dispute.pk, "via": dispute.filed_via})


def receipt_attachment(objection: Objection, data: dict) -> list[tuple[str, bytes, str]]:
    if not objection.register_number:
        return []
    return [(f"tanda-terima-{safe_number(objection.register_number)}.pdf", receipt_render(objection=objection), "application/pdf")]


def answer_attachment(objection: Objection, data: dict) -> list[tuple[str, bytes, str]]:
    answer = Answer.objects.get(pk=data["answer"])
    with answer.pdf.open("rb") as handle:
        return [(f"{safe_number(answer.number)}.pdf", handle.read(), "application/pdf")]


def notification_logged(*, objection_id: int, kind: str, outcome: str, data: dict) -> None:
    """The notifications layer reports what happened to one email; the objection's event log records it."""
    action = OUTCOME_ACTIONS.get(kind, _GENERIC)[outcome]
    if kind not in OUTCOME_ACTIONS:
        data = {"kind": kind, **data}
    ObjectionEvent.objects.create(objection_id=objection_id, action=action, data=data)
