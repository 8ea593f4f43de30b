"""Reads: a requester's notifications (their page lists what their emails said, so nothing is lost without email)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .kinds import requester_kind
from .models import Notification


def notifications_of_requester(requester):
    return Notification.objects.filter(recipient_requester=requester).select_related("email").order_by("-created_at", "-id")


def notification_of_requester(requester, pk: int) -> Notification:
    """Another requester's notification answers 404."""
    return get_object_or_404(Notification, pk=pk, recipient_requester=requester)


def notification_rows(notifications) -> list[dict]:
    rows = []
    for notification in notifications:
        kind = requester_kind(notification.kind)
        rows.append(
            {
                "pk": notification.pk,
                "label": kind.label if kind else notification.kind,
                "item_type": notification.item_type,
                "item_id": notification.item_id,
                "data": notification.data,
                "created_at": notification.created_at,
                "read": notification.read_at is not None,
                "email": notification.email,
                "link": kind.link(notification.item_id) if kind else "",
            }
        )
    return rows


def unread_count(requester) -> int:
    return Notification.objects.filter(recipient_requester=requester, read_at__isnull=True).count()
