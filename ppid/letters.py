"""The letter frame's data and the register of issued letters with their public verification.

Every document the office signs extends ``print/letter.html`` (docs/letters.md) and gets a
``letter`` in its context: number, Sifat / Lampiran / Perihal, the addressee, the place and date
of signing, the signatory (the office the letter speaks for, never the clerk who clicked) and
the tembusan. ``document_issue`` renders a letter with a QR code opening its public verification
page and records an IssuedDocument with the SHA-256 of the PDF as stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import IssuedDocument
from .office import OfficeIdentity, Signatory, office_identity
from .pdf import DOCUMENT_LANGUAGE, render_document, write_pdf
from .qr import qr_print_data_uri

SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Letter:
    """What the frame prints around a document's body."""

    title: str
    number: str = ""
    subject: str = ""  # Perihal: set for letters addressed to someone (Nomor / Sifat / Lampiran / Perihal block)
    nature: str = ""  # Sifat
    attachments: str = ""  # Lampiran
    addressee_name: str = ""
    addressee_address: str = ""
    place: str = ""
    signed_on: dt.date | None = None
    signatory_heading: str = ""
    signatory: Signatory | None = None
    tembusan: list[str] = field(default_factory=list)
    verification_url: str = ""
    verification_qr: str = ""


def signing_place(office: OfficeIdentity) -> str:
    """The city printed before the date of signing ("Contoh, 12 Maret 2026"), never the office's name."""
    return office.city or "................"


def ppid_signatory(office: OfficeIdentity) -> Signatory:
    """The PPID as the office setting names them on the letter's date; a blank line when none is set yet."""
    chosen = office.ppid_signatory
    if chosen:
        return chosen
    return Signatory(name="", position="", nip="")


def atasan_label(office: OfficeIdentity) -> str:
    """The Atasan PPID as a letter names them: position and name where the office setting gives them."""
    atasan = office.atasan_signatory
    with translation.override(DOCUMENT_LANGUAGE):
        label = _("Atasan PPID")
        if atasan.position:
            label = f"{label} ({atasan.signing_position}"
            label += f", {atasan.name})" if atasan.name else ")"
        return label


def letter_for_ppid(*, office: OfficeIdentity, title: str, number: str, signed_on: dt.date, **fields) -> Letter:
    """A letter the PPID signs (notices, decisions): the PPID's signature block and the office's city."""
    with translation.override(DOCUMENT_LANGUAGE):
        heading = _("Pejabat Pengelola Informasi dan Dokumentasi")
    fields.setdefault("nature", _nature_default())
    fields.setdefault("attachments", "-")
    return Letter(
        title=title,
        number=number,
        place=signing_place(office),
        signed_on=signed_on,
        signatory_heading=heading,
        signatory=ppid_signatory(office),
        **fields,
    )


def _nature_default() -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return _("Biasa")


def verification_url(token: str) -> str:
    return settings.PPID_SITE_URL + reverse("letter-verify", kwargs={"token": token})


def document_issue(*, kind: str, letter: Letter, template_name: str, context: dict, office: OfficeIdentity | None = None):
    """Render a letter with its verification QR and record it. Returns (pdf bytes, IssuedDocument).

    Runs inside the caller's transaction: a rollback forgets the record with the letter."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document_issue must run inside the transaction that issues the letter")
    office = office or office_identity(on=letter.signed_on)
    token = secrets.token_urlsafe(16)
    url = verification_url(token)
    letter = replace(letter, verification_url=url, verification_qr=qr_print_data_uri(url))
    pdf = write_pdf([render_document(template_name, {**context, "letter": letter}, office=office)])
    record = IssuedDocument.objects.create(
        token=token,
        kind=kind,
        title=letter.title,
        number=letter.number,
        issued_on=letter.signed_on,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    return pdf, record


def document_supersede(*, old: IssuedDocument | None, new: IssuedDocument) -> None:
    if old is not None and old.pk != new.pk:
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])


def document_render(
    *, letter: Letter, template_name: str, context: dict, office: OfficeIdentity | None = None, laid_out=None
) -> bytes:
    """A framed document printed on demand (receipt, request form, sheets, reports): no register entry.

    ``laid_out()``, if given, is called between the layout and the writing (a background job's progress)."""
    office = office or office_identity(on=letter.signed_on)
    document = render_document(template_name, {**context, "letter": letter}, office=office)
    if laid_out is not None:
        laid_out()
    return write_pdf([document])


# -- verification (public) -----------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    document: IssuedDocument
    checked_hash: str  # what the visitor gave, normalised ("" when nothing was given)
    matches: bool | None  # None: nothing to compare


def sha256_normalise(text: str) -> str:
    return re.sub(r"[\s:]", "", text or "").lower()


def document_verify(*, token: str, sha256: str = "") -> Verification | None:
    """The issued letter behind a QR code, and whether a given SHA-256 is the one of its stored PDF."""
    document = IssuedDocument.objects.filter(token=token).select_related("superseded_by").first()
    if document is None:
        return None
    checked = sha256_normalise(sha256)
    if not checked:
        return Verification(document, "", None)
    return Verification(document, checked, bool(SHA256_PATTERN.match(checked)) and secrets.compare_digest(checked, document.sha256))
