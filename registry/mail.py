"""Emails of the registry. Always in Indonesian (the office's language), sent after commit.

``site_url`` is the portal's address as the visitor used it (``request.build_absolute_uri("/")``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ppid.office import office_identity

logger = logging.getLogger("ppid.registry")


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    with translation.override("id"):
        body = render_to_string(template, {"office_name": office_identity().ppid_name, **context})
        subject = str(subject)
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
    except Exception:  # a mail server failure must not undo or error what was already committed
        logger.exception("registry mail %s to a requester could not be sent", template)


def confirmation_send(*, user, token: str, site_url: str) -> None:
    link = _absolute(site_url, reverse("registry:email-confirm", kwargs={"token": token}))
    _send(
        to=user.email,
        subject="Konfirmasi alamat email Anda",
        template="registry/email/confirmation.txt",
        context={"user": user, "link": link, "hours": settings.PPID_REGISTRATION_EXPIRY_HOURS},
    )


def already_registered_send(*, email: str, site_url: str) -> None:
    """Someone registered with an address that has an account: its owner is told, the form says nothing."""
    _send(
        to=email,
        subject="Pendaftaran dengan alamat email Anda",
        template="registry/email/already_registered.txt",
        context={
            "login_link": _absolute(site_url, reverse("login")),
            "reset_link": _absolute(site_url, reverse("password_reset")),
            "resend_link": _absolute(site_url, reverse("registry:email-resend")),
        },
    )


def nik_in_use_send(*, email: str, site_url: str) -> None:
    """A newly confirmed account named the NIK of this account: the NIK's owner is told."""
    _send(
        to=email,
        subject="NIK Anda dipakai dalam pendaftaran akun lain",
        template="registry/email/nik_in_use.txt",
        context={"site_link": site_url},
    )
