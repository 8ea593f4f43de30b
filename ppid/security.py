"""Login throttling keys (django-axes), the client address, and the staff's second factor.

- ``login_account_key``: one key per account, whichever identifier was typed (email, NIK or
  staff user name), so the failure limit counts per account and not per spelling.
- ``client_address``: REMOTE_ADDR, or behind ``PPID_PROXY_COUNT`` reverse proxies the address
  the outermost trusted proxy saw (the last entries of X-Forwarded-For are the proxies' own).
- ``two_factor_required``: whether a user's roles need a TOTP second factor (admin-editable per
  role in ``TwoFactorRequirement``, else ``PPID_TWO_FACTOR_ROLES``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from .roles import ADMIN, STAFF_ROLES, user_roles

# [0-9]{16}: the NIK pattern of registry.validators, repeated to keep ppid free of registry imports.
_NIK_LENGTH = 16


def login_account_key(request, credentials=None) -> str:
    identifier = ((credentials or {}).get("username") or request.POST.get("username") or "").strip()
    User = get_user_model()
    if len(identifier) == _NIK_LENGTH and identifier.isascii() and identifier.isdigit():
        users = User.objects.filter(requester__nik=identifier, requester__kind="person")
    elif "@" in identifier:
        users = User.objects.filter(email__iexact=identifier)
    else:
        users = User.objects.filter(username=identifier)
    pk = users.order_by("pk").values_list("pk", flat=True).first()
    return f"akun:{pk}" if pk else identifier.lower()[:150]


def login_unlock(*, user) -> int:
    """An administrator lifts a lockout of an account (every address it was tried from)."""
    from axes.utils import reset

    return reset(username=f"akun:{user.pk}")


def _ip_or_none(value: str) -> str | None:
    import ipaddress

    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's IP address, or None when unknown (a forged header never reaches the database)."""
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    proxies = settings.PPID_PROXY_COUNT
    if proxies and len(forwarded) >= proxies:
        return _ip_or_none(forwarded[-proxies]) or _ip_or_none(request.META.get("REMOTE_ADDR", ""))
    return _ip_or_none(request.META.get("REMOTE_ADDR", ""))


def roles_requiring_two_factor() -> set[str]:
    from .shared_config import shared_config

    required = set(settings.PPID_TWO_FACTOR_ROLES) & set(STAFF_ROLES)
    for role, is_required in shared_config().two_factor:  # cached per process, never stale
        (required.add if is_required else required.discard)(role)
    return required


def two_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    roles = set(user_roles(user))
    if user.is_superuser:
        roles.add(ADMIN)
    return bool(roles & roles_requiring_two_factor())


def is_staff_account(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_staff or bool(set(user_roles(user)) & set(STAFF_ROLES)))


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a clear page in the visitor's language, HTTP 429."""
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


def staff_session_shorten(sender, request, user, **kwargs):
    """On login (signal user_logged_in): a staff session lasts PPID_STAFF_SESSION_SECONDS, not two weeks."""
    if request is not None and hasattr(request, "session") and is_staff_account(user):
        request.session.set_expiry(settings.PPID_STAFF_SESSION_SECONDS)
