"""Accounts: registration, email confirmation, the requester's own profile, expiry of unconfirmed sign-ups.

Registration never tells the visitor whether an email or a NIK is known: the answer is the same
page, and the owner of the address (or of the NIK) is told by email. An unconfirmed registration
holds no NIK (the unique constraint counts desk records and confirmed accounts only), so nobody
can squat a NIK with an address they do not control; the NIK is claimed when the email is
confirmed, and registrations left unconfirmed expire (``registrations_unconfirmed_expire``).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.roles import REQUESTER

from .. import mail
from ..models import Requester
from .base import CONTACT_FIELDS, EDITABLE_STATES, IDENTITY_FIELDS, person_nik_holder, requester_locked

logger = logging.getLogger("ppid.registry")

EMAIL_CONFIRMATION_SALT = "registry.email-confirmation"


def email_confirmation_max_age() -> int:
    """Seconds a confirmation link lives: as long as an unconfirmed registration is kept."""
    return settings.PPID_REGISTRATION_EXPIRY_HOURS * 3600


def email_normalize(email: str) -> str:
    # One address, one account: compare and store in lower case.
    return (email or "").strip().lower()


def email_confirmation_token(*, user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_CONFIRMATION_SALT, compress=True)


def _on_commit(function, **kwargs) -> None:
    transaction.on_commit(lambda: function(**kwargs))


@transaction.atomic
def requester_register(
    *, email: str, password: str, kind: str, full_name: str, nik: str | None, site_url: str, **fields
) -> Requester | None:
    """An inactive account and an unverified requester, or nothing when the address has an account.

    Either way the visitor sees the same answer; the address's owner gets the confirmation link,
    or a note that the address is already registered."""
    User = get_user_model()
    email = email_normalize(email)
    if User.objects.filter(email__iexact=email).exists():
        _on_commit(mail.already_registered_send, email=email, site_url=site_url)
        return None
    user = User(username=f"pemohon-{secrets.token_hex(6)}", email=email, first_name=full_name[:150], is_active=False)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            requester = Requester.objects.create(user=user, kind=kind, full_name=full_name, nik=nik or None, email=email, **fields)
    except IntegrityError:
        # Two registrations racing for one address: the loser is told like any known address.
        _on_commit(mail.already_registered_send, email=email, site_url=site_url)
        return None
    user.groups.add(Group.objects.get(name=REQUESTER))
    _on_commit(mail.confirmation_send, user=user, token=email_confirmation_token(user=user), site_url=site_url)
    return requester


@dataclass(frozen=True)
class Confirmation:
    user: object
    nik_released: bool = False  # the NIK belonged to another account and was not kept


def _nik_claim(requester: Requester, *, site_url: str) -> bool:
    """At confirmation the NIK becomes the account's, a claim of a desk record, or is released.

    Returns True when it was released because another account holds it."""
    if requester.kind != Requester.Kind.PERSON or not requester.nik:
        return False
    holder = person_nik_holder(requester.nik, exclude_pk=requester.pk)
    if holder is not None and holder.user_id is None:
        requester.claimed_requester = holder
        return False
    if holder is not None:
        _on_commit(mail.nik_in_use_send, email=holder.user.email, site_url=site_url)
        requester.nik = None
        return True
    return False


@transaction.atomic
def email_confirm(*, token: str, site_url: str = "/", now: dt.datetime | None = None) -> Confirmation:
    """Activate the account the signed link names, claiming its NIK. ValidationError for a bad or old link."""
    now = now or timezone.now()
    invalid = ValidationError(_("Tautan konfirmasi tidak sah atau sudah kedaluwarsa. Minta tautan baru."), code="bad_token")
    try:
        payload = signing.loads(token, salt=EMAIL_CONFIRMATION_SALT, max_age=email_confirmation_max_age())
    except signing.BadSignature:
        raise invalid from None
    User = get_user_model()
    user = User.objects.select_for_update().filter(pk=payload.get("u"), email=payload.get("e")).first()
    requester = Requester.objects.select_for_update().filter(user=user).first() if user else None
    if requester is None:
        raise invalid
    if requester.email_confirmed_at is not None:
        return Confirmation(user)
    released = _nik_claim(requester, site_url=site_url)
    requester.email_confirmed_at = now
    try:
        with transaction.atomic():
            requester.save(update_fields=["email_confirmed_at", "nik", "claimed_requester", "updated_at"])
    except IntegrityError:
        # Another account confirmed the same NIK a moment ago.
        requester.nik = None
        requester.claimed_requester = None
        requester.save(update_fields=["email_confirmed_at", "nik", "claimed_requester", "updated_at"])
        released = True
    user.is_active = True
    user.save(update_fields=["is_active"])
    return Confirmation(user, nik_released=released)


def registrations_unconfirmed(*, now: dt.datetime):
    """Online registrations whose link was never followed within the expiry time."""
    cutoff = now - dt.timedelta(hours=settings.PPID_REGISTRATION_EXPIRY_HOURS)  # a security period, not a legal one
    return Requester.objects.filter(
        user__isnull=False, email_confirmed_at__isnull=True, user__is_active=False, user__last_login__isnull=True,
        created_at__lt=cutoff,
    )


def registrations_unconfirmed_expire(*, now: dt.datetime) -> int:
    """The sweep: delete expired unconfirmed registrations (account and requester), each in its own transaction."""
    from .documents import requester_delete

    expired = 0
    for pk in list(registrations_unconfirmed(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            requester = registrations_unconfirmed(now=now).select_for_update().filter(pk=pk).first()
            if requester is None:
                continue
            user = requester.user
            requester_delete(requester=requester, actor=None, reason="pendaftaran tidak dikonfirmasi")
            user.delete()
            expired += 1
    if expired:
        logger.info("%d unconfirmed registrations expired", expired)
    return expired


@transaction.atomic
def requester_profile_update(*, requester: Requester, actor, **fields) -> Requester:
    """Contact data may always change; identity data only before it is verified or under review."""
    requester = requester_locked(requester)
    allowed = set(CONTACT_FIELDS)
    if requester.verification_status in EDITABLE_STATES:
        allowed |= set(IDENTITY_FIELDS)
    if set(fields) - allowed:
        raise ValidationError(_("Data identitas yang sudah diajukan atau terverifikasi tidak dapat diubah sendiri."), code="locked")
    if requester.kind == Requester.Kind.PERSON and fields.get("nik") and fields["nik"] != requester.nik:
        existing = person_nik_holder(fields["nik"], exclude_pk=requester.pk)
        if existing is not None and (existing.user_id is not None or requester.user_id is None):
            raise ValidationError({"nik": _("NIK ini sudah terdaftar pada akun lain.")}, code="nik_taken")
        # A corrected NIK may now point at a desk record to claim, or at none.
        fields["claimed_requester"] = existing
    for name, value in fields.items():
        setattr(requester, name, value)
    try:
        with transaction.atomic():
            requester.save(update_fields=[*fields, "updated_at"])
    except IntegrityError:
        raise ValidationError({"nik": _("NIK ini sudah terdaftar pada akun lain.")}, code="nik_taken") from None
    if "full_name" in fields and requester.user_id:
        requester.user.first_name = requester.full_name[:150]
        requester.user.save(update_fields=["first_name"])
    return requester
