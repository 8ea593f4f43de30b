"""Files of a request (unit material, information for the requester, minutes, proofs of sending).

Every upload is checked by what it is, not by its name. The office-wide checker lives in
``ppid.uploads`` (images re-encoded, PDFs with active content refused); until it is present
this module falls back to a magic-byte check of its own, so a forged file is still refused.
Files go to private storage only; views serve them after a permission check.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from ..models import Material

# Magic bytes of the formats a request's material may have.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
# PDF names that run or embed something when opened.
ACTIVE_PDF_MARKERS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA")


def _fallback_check(data: bytes, name: str) -> tuple[bytes, str]:
    for magic, _content_type, extension in SIGNATURES:
        if data.startswith(magic):
            if extension == ".pdf" and any(marker in data for marker in ACTIVE_PDF_MARKERS):
                raise ValidationError(_("Berkas PDF berisi konten aktif (JavaScript, tindakan otomatis atau lampiran tersemat) dan ditolak."))
            stem = name.rsplit(".", 1)[0] if "." in name else name
            return data, f"{stem[:100]}{extension}"
    raise ValidationError(_("Jenis berkas tidak diterima. Unggah berkas PDF, JPEG atau PNG."))


def upload_check(upload) -> tuple[bytes, str]:
    """The checked content and a safe file name, or ValidationError with a message for the user."""
    limit = settings.PPID_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": limit // (1024 * 1024)})
    try:
        from ppid import uploads as office_uploads
    except ImportError:  # the office-wide checker is not installed in this tree yet
        office_uploads = None
    checker = getattr(office_uploads, "upload_clean", None) if office_uploads else None
    if checker is not None:
        cleaned = checker(upload)
        return cleaned.content, cleaned.name
    upload.seek(0)
    data = upload.read()
    return _fallback_check(data, getattr(upload, "name", "berkas") or "berkas")


def material_store(*, request, kind: str, upload, actor, forwarding=None) -> Material:
    """Check an upload and keep it in private storage as a Material of ``request``."""
    data, name = upload_check(upload)
    material = Material(
        request=request,
        forwarding=forwarding,
        kind=kind,
        original_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    material.file.save(name, ContentFile(data), save=False)
    material.save()
    return material
