"""Files of a request (unit material, information for the requester, minutes, proofs of sending).

Every upload is checked by what it is, not by its name, by the office-wide checker
``ppid.uploads.upload_clean`` (images re-encoded, PDFs with active content refused, anything
else refused). Files go to private storage only; views serve them after a permission check.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from ppid.uploads import upload_clean

from ..models import Material

MAX_NAME_LENGTH = 100


def safe_name(upload, extension: str) -> str:
    """The uploaded name's stem (path parts dropped) with the extension the content really has."""
    name = (getattr(upload, "name", "") or "berkas").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[:MAX_NAME_LENGTH] or 'berkas'}{extension}"


def material_store(*, request, kind: str, upload, actor, forwarding=None) -> Material:
    """Check an upload and keep it in private storage as a Material of ``request`` (ValidationError if refused)."""
    cleaned = upload_clean(upload)
    name = safe_name(upload, cleaned.extension)
    material = Material(
        request=request,
        forwarding=forwarding,
        kind=kind,
        original_name=name,
        sha256=cleaned.sha256,
        uploaded_by=actor,
    )
    material.file.save(name, ContentFile(cleaned.content), save=False)
    material.save()
    return material
