"""The office's identity: names, logo, contact details, the officials who sign, the page colours.

One selector, ``office_identity()``, reads the OfficeSettings row (cached per process and never
stale, ``ppid.shared_config``) an administrator edits in the admin ("Pengaturan kantor") and falls back on the deployment's settings (PPID_OFFICE_NAME,
PPID_BODY_NAME, ...) for every empty field. Web pages get it as ``office`` from the context
processor ``ppid.context_processors.office``; PDF templates get the same object from
``ppid.pdf.render_pdf`` (with ``office.logo_data_uri`` for the letterhead, since the PDF
renderer fetches nothing over HTTP). Signatories are given for a date: a stand-in (Plh. or
Plt.) signs in the official's place on the days of their assignment.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import secrets
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import OfficeSettings
from .shared_config import shared_config
from .storage import file_delete_on_commit
from .uploads import upload_clean
from .validators import nip_display

# Page colours are chosen from vetted palettes (static/ppid/css/themes.css) so that every text,
# link and button passes WCAG 2.1 AA contrast whatever the administrator picks.
THEMES = {
    "biru": _("Biru pemerintahan"),
    "hijau": _("Hijau"),
    "merah": _("Merah marun"),
    "cokelat": _("Cokelat"),
    "ungu": _("Ungu"),
    "toska": _("Toska"),
}
DEFAULT_THEME = "biru"
LOGO_MAX_BYTES = 1024 * 1024
# A logo is shown at most a few dozen pixels high; a bigger one only slows phones down.
LOGO_MAX_PIXELS = (512, 512)
LOGO_CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}


@dataclass(frozen=True)
class Signatory:
    """Who signs for an office on a given day: the official, or their stand-in (``standin_kind`` set)."""

    name: str
    position: str
    nip: str
    standin_kind: str = ""

    @property
    def signing_position(self) -> str:
        """The position as printed above the signature, e.g. "Plh. Sekretaris Daerah"."""
        return f"{self.standin_kind} {self.position}".strip()

    @property
    def nip_display(self) -> str:
        return nip_display(self.nip)

    def __bool__(self) -> bool:
        return bool(self.name)


@dataclass(frozen=True)
class OfficeIdentity:
    body_name: str
    ppid_name: str
    address: str
    city: str
    phone: str
    email: str
    website: str
    theme: str
    logo_name: str
    ppid_signatory: Signatory
    atasan_signatory: Signatory

    @property
    def logo_url(self) -> str:
        if not self.logo_name:
            return ""
        return reverse("office-logo", kwargs={"filename": self.logo_name.rsplit("/", 1)[-1]})

    @cached_property
    def logo_data_uri(self) -> str:
        """The logo inlined for PDF templates (the PDF renderer reads no URL but static files)."""
        if not self.logo_name:
            return ""
        try:
            with default_storage.open(self.logo_name, "rb") as handle:
                content = handle.read()
        except OSError:
            return ""
        content_type = LOGO_CONTENT_TYPES.get(self.logo_name[self.logo_name.rfind(".") :], "image/png")
        return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"

    @property
    def theme_class(self) -> str:
        return f"theme-{self.theme}"

    @property
    def website_label(self) -> str:
        return self.website.split("://", 1)[-1].rstrip("/")


def _signatory(row: Mapping[str, object], office: str, on: dt.date) -> Signatory:
    if not row:
        return Signatory("", "", "")
    value = lambda key: row[f"{office}_{key}"]  # noqa: E731
    start, end = value("standin_from"), value("standin_until")
    if value("standin_name") and start and start <= on and (end is None or on <= end):
        return Signatory(value("standin_name"), value("official_position"), value("standin_nip"), value("standin_kind"))
    return Signatory(value("official_name"), value("official_position"), value("official_nip"))


def office_identity(*, on: dt.date | None = None) -> OfficeIdentity:
    """The office as pages and letters show it; signatories as on ``on`` (default: today, office time)."""
    if on is None:
        on = timezone.localdate(timezone.now())
    row = shared_config().office  # the OfficeSettings row's columns, cached per process (ppid.shared_config)

    def pick(field: str, default: str = "") -> str:
        return row.get(field) or default

    theme = pick("theme", settings.PPID_THEME)
    return OfficeIdentity(
        body_name=pick("body_name", settings.PPID_BODY_NAME),
        ppid_name=pick("ppid_name", settings.PPID_OFFICE_NAME),
        address=pick("address", settings.PPID_OFFICE_ADDRESS),
        city=pick("city", settings.PPID_OFFICE_CITY),
        phone=pick("phone", settings.PPID_OFFICE_PHONE),
        email=pick("email", settings.PPID_OFFICE_EMAIL),
        website=pick("website", settings.PPID_OFFICE_WEBSITE),
        theme=theme if theme in THEMES else DEFAULT_THEME,
        logo_name=row.get("logo") or "",
        ppid_signatory=_signatory(row, "ppid", on),
        atasan_signatory=_signatory(row, "atasan", on),
    )


def office_identity_defaults() -> OfficeIdentity:
    """The identity from the settings alone, for pages that must not touch the database (the 500 page)."""
    return OfficeIdentity(
        body_name=settings.PPID_BODY_NAME,
        ppid_name=settings.PPID_OFFICE_NAME,
        address=settings.PPID_OFFICE_ADDRESS,
        city=settings.PPID_OFFICE_CITY,
        phone=settings.PPID_OFFICE_PHONE,
        email=settings.PPID_OFFICE_EMAIL,
        website=settings.PPID_OFFICE_WEBSITE,
        theme=settings.PPID_THEME if settings.PPID_THEME in THEMES else DEFAULT_THEME,
        logo_name="",
        ppid_signatory=Signatory("", "", ""),
        atasan_signatory=Signatory("", "", ""),
    )


# -- writes -------------------------------------------------------------------------------
def logo_clean(upload) -> tuple[bytes, str]:
    """A logo checked by content (ppid.uploads: decoded and re-encoded), images only, at most 512 px."""
    clean = upload_clean(upload, max_bytes=LOGO_MAX_BYTES)
    if clean.extension not in LOGO_CONTENT_TYPES:
        raise ValidationError(_("Logo harus berupa gambar PNG atau JPEG."), code="logo_type")
    from PIL import Image

    with Image.open(io.BytesIO(clean.content)) as image:
        if image.width <= LOGO_MAX_PIXELS[0] and image.height <= LOGO_MAX_PIXELS[1]:
            return clean.content, clean.extension
        image.thumbnail(LOGO_MAX_PIXELS)
        output = io.BytesIO()
        image.save(output, format="PNG" if clean.extension == ".png" else "JPEG", optimize=True)
    return output.getvalue(), clean.extension


@transaction.atomic
def office_settings_save(*, row: OfficeSettings, logo_upload=None, remove_logo: bool = False) -> OfficeSettings:
    """Save the office settings; a new logo is checked first (ValidationError) and stored under a random name."""
    row.pk = 1
    old_name = OfficeSettings.objects.filter(pk=1).values_list("logo", flat=True).first() or ""
    if logo_upload is not None:
        content, extension = logo_clean(logo_upload)
        row.logo.save(f"logo-{secrets.token_hex(8)}{extension}", ContentFile(content), save=False)
    elif remove_logo:
        row.logo = ""
    else:
        row.logo = old_name
    row.save()
    if old_name != row.logo.name:
        file_delete_on_commit(storage=row.logo.storage, name=old_name)
    return row
