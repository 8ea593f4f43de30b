"""Telling a requester what happened, from any app, without knowing who delivers it.

A service calls ``requester_notify`` inside its transaction, naming a kind (a code the
notifications layer registers), the item and a key unique to the event. The project layer
(``notifications``) registers the handler in its ``AppConfig.ready``: it records the message in
its outbox in the same transaction (so a rollback takes it away) and sends it after commit.
ppid never imports that layer; without a handler nothing happens.
"""

from __future__ import annotations

from collections.abc import Callable

# What became of a message, as the notifications layer reports it back to the item's app
# (through its ``notification_logged`` signal), which writes the matching event.
SENT, FAILED, SKIPPED = "sent", "failed", "skipped"

_handlers: list[Callable[..., None]] = []


def register_notification_handler(handler: Callable[..., None]) -> None:
    """handler(*, kind, item_type, item_id, requester_id, key, data) -> None."""
    if handler not in _handlers:
        _handlers.append(handler)


def requester_notify(*, kind: str, item_type: str, item_id: int, requester_id: int, key: str, data: dict | None = None) -> None:
    for handler in _handlers:
        handler(kind=kind, item_type=item_type, item_id=item_id, requester_id=requester_id, key=key, data=data or {})
