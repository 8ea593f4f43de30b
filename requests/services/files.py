"""Files of a request (unit material, information for the requester, minutes, proofs of sending).

Every upload is checked by what it is, not by its name, by the office-wide checker
``ppid.uploads.upload_clean`` (images re-encoded, PDFs with active content refused, anything
else refused). Files go to private storage only; views serve them after a permission check.
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from ppid.uploads import upload_clean

from ..models import Material

MAX_NAME_LENGTH = 100


@dataclass
class _StoredFile:
    storage: object
    name: str
    committed: bool = False


# The files stored by the service running now (None outside one): deleted if it fails.
_stored_files: ContextVar[list[_StoredFile] | None] = ContextVar("requests_stored_files", default=None)


def private_file_save(field_file, name: str, content) -> None:
    """Write a file into a FileField (the row is saved by the caller), to be deleted if the service fails.

    Django has no on_rollback hook: a rolled-back row would leave the file behind. Inside a transaction
    the file counts as kept once the transaction commits; until then the running service deletes it on
    failure (see ``files_removed_on_failure``).
    """
    field_file.save(name, content, save=False)
    stored = _StoredFile(field_file.storage, field_file.name)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: setattr(stored, "committed", True))
    pending = _stored_files.get()
    if pending is not None:
        pending.append(stored)


def files_removed_on_failure(service):
    """Wrap a service (outside its ``transaction.atomic``): if it raises, the files it stored and whose
    transaction did not commit are deleted before the exception goes on, as registry.services
    ``identity_document_add`` does for one file. A nested service hands its files to the outer one."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        outer = _stored_files.get()
        stored: list[_StoredFile] = []
        token = _stored_files.set(stored)
        try:
            result = service(*args, **kwargs)
        except BaseException:
            for item in stored:
                if not item.committed:
                    item.storage.delete(item.name)
            raise
        finally:
            _stored_files.reset(token)
        if outer is not None:
            outer.extend(stored)
        return result

    return wrapper


def safe_name(upload, extension: str) -> str:
    """The uploaded name's stem (path parts dropped) with the extension the content really has."""
    name = (getattr(upload, "name", "") or "berkas").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[:MAX_NAME_LENGTH] or 'berkas'}{extension}"


@files_removed_on_failure
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
    private_file_save(material.file, name, ContentFile(cleaned.content))
    material.save()
    return material
