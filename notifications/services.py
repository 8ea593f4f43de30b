"""Writes of the requester's page: marking notifications read."""

from __future__ import annotations

import datetime as dt

from .models import Notification


def notification_mark_read(*, requester, pk: int | None = None, now: dt.datetime) -> int:
    """Mark one notification (or all) of this requester read; returns how many changed."""
    unread = Notification.objects.filter(recipient_requester=requester, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=now)
