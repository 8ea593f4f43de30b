"""Throttling of actions that send mail to an address (password reset, registration, confirmation
resend): at most N per address and M per client address within a window.

Hits live in the database (``ThrottleHit``), so every process and host sees the same counts;
addresses are stored as SHA-256 digests, never in clear. A refused hit changes nothing the
visitor can see: the views answer as if the mail had gone, so a throttle reveals no account.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ThrottleHit


def _digest(scope: str, kind: str, value: str) -> str:
    return hashlib.sha256(f"{scope}|{kind}|{value}".encode()).hexdigest()


def client_ip(request) -> str:
    """The client's address as the login throttle sees it (django-axes), so both agree behind a proxy."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


@transaction.atomic
def throttle_allow(*, request, scope: str, subject: str, now: dt.datetime | None = None) -> bool:
    """Record one hit for (scope, subject) and (scope, client address); False when either is over its limit."""
    now = now or timezone.now()
    per_subject, per_client, window_seconds = settings.PPID_THROTTLES[scope]
    since = now - dt.timedelta(seconds=window_seconds)  # a rate window, not a legal period
    keys = {
        _digest(scope, "subject", (subject or "").strip().lower()): per_subject,
        _digest(scope, "client", client_ip(request)): per_client,
    }
    ThrottleHit.objects.filter(key__in=keys, at__lt=since).delete()
    for key, limit in keys.items():
        if ThrottleHit.objects.filter(key=key, at__gte=since).count() >= limit:
            return False
    ThrottleHit.objects.bulk_create([ThrottleHit(key=key, at=now) for key in keys])
    return True
