"""Identity documents: upload, removal by any path, logged access, the retention purge.

A file is removed from storage only after the transaction that deleted its row commits
(``transaction.on_commit``): a rollback keeps row and file together. Every removal and every
access, allowed or refused, writes an ``IdentityAccessLog`` entry (UU 27/2022).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ppid.storage import file_delete_on_commit
from ppid.uploads import upload_clean

from ..models import IdentityAccessLog, IdentityDocument, Requester
from .base import EDITABLE_STATES, requester_locked

logger = logging.getLogger("ppid.registry")
Action = IdentityAccessLog.Action


def _log(*, action: str, user, requester_id, description: str, document=None) -> IdentityAccessLog:
    return IdentityAccessLog.objects.create(
        document=document, requester_id=requester_id, action=action, user=user, description=description[:255]
    )


def identity_document_add(*, requester: Requester, kind: str, upload, uploaded_by) -> IdentityDocument:
    """Check the file by its content, store it privately, record it; nothing stays behind on failure."""
    clean = upload_clean(upload)
    document = IdentityDocument(
        requester=requester, kind=kind, content_type=clean.content_type, size=clean.size, sha256=clean.sha256,
        uploaded_by=uploaded_by,
    )
    try:
        with transaction.atomic():
            locked = requester_locked(requester)
            if locked.verification_status not in EDITABLE_STATES:
                raise ValidationError(
                    _("Dokumen tidak dapat diubah selama verifikasi berlangsung atau setelah terverifikasi."), code="locked"
                )
            limit = settings.PPID_IDENTITY_FILES_MAX
            if locked.documents.count() >= limit:
                raise ValidationError(
                    _("Paling banyak %(limit)d dokumen identitas per pemohon: hapus dokumen yang tidak diperlukan dahulu.")
                    % {"limit": limit},
                    code="too_many",
                )
            # A random name: the original file name may carry a NIK or a person's name.
            document.file.save(f"{secrets.token_hex(16)}{clean.extension}", ContentFile(clean.content), save=False)
            document.save()
            locked.save(update_fields=["updated_at"])
    except BaseException:
        if document.file.name:
            document.file.delete(save=False)
        raise
    return document


def identity_document_remove(*, document: IdentityDocument, actor, reason: str) -> None:
    """Delete a document's row now and its file once the transaction commits, logging both."""
    _log(
        action=Action.DELETE,
        user=actor,
        requester_id=document.requester_id,
        document=document,
        # Stored in Indonesian, whatever the acting user's language.
        description="%s pemohon #%s, SHA-256 %s, diunggah %s: %s"
        % (document.get_kind_display(), document.requester_id, document.sha256, document.uploaded_at.isoformat(), reason),
    )
    file_name, storage = document.file.name, document.file.storage
    document.delete()
    file_delete_on_commit(storage=storage, name=file_name)
    logger.info("identity file %s of requester %s: row deleted, file goes at commit", file_name, document.requester_id)


@transaction.atomic
def identity_document_delete(*, document: IdentityDocument, actor) -> None:
    """The requester removes a document before asking for verification (or after a rejection)."""
    requester = requester_locked(document.requester_id)
    if requester.verification_status not in EDITABLE_STATES:
        raise ValidationError(_("Dokumen yang sedang atau sudah diverifikasi tidak dapat dihapus."), code="locked")
    identity_document_remove(document=document, actor=actor, reason="dihapus oleh pemohon")


@transaction.atomic
def identity_document_delete_by_admin(*, document: IdentityDocument, actor) -> None:
    requester_locked(document.requester_id)
    identity_document_remove(document=document, actor=actor, reason="dihapus oleh administrator")


@transaction.atomic
def requester_delete(*, requester: Requester, actor, reason: str) -> None:
    """Delete a requester record with its documents (files after commit), each removal logged."""
    requester = requester_locked(requester)
    for document in list(requester.documents.all()):
        identity_document_remove(document=document, actor=actor, reason=reason)
    requester.delete()


def identity_document_open(*, document: IdentityDocument, user):
    """Open a document's file for a user already allowed to see it, logging the access."""
    _log(
        action=Action.VIEW, user=user, requester_id=document.requester_id, document=document,
        description=f"{document.get_kind_display()} #{document.pk} ({document.file.name})",
    )
    return document.file.storage.open(document.file.name, "rb")


def identity_document_refused_log(*, document_id: int, requester_id: int | None, user) -> None:
    """An attempt to open a file the user may not see: logged like an access (a breach report needs it)."""
    _log(
        action=Action.REFUSED, user=user, requester_id=requester_id,
        document=IdentityDocument.objects.filter(pk=document_id).first(),
        description=f"akses ditolak ke dokumen #{document_id}",
    )


def personal_data_export_log(*, requester: Requester, user, export_format: str) -> None:
    _log(action=Action.EXPORT, user=user, requester_id=requester.pk, description=f"Ekspor data pribadi ({export_format})")


def access_report_log(*, requester: Requester, user) -> None:
    _log(action=Action.REPORT, user=user, requester_id=requester.pk, description="Laporan akses data pribadi dibuat")


def identity_files_purge(*, requesters: Iterable[Requester], actor=None, still_due=None) -> int:
    """Delete the identity files of these requesters (retention has passed), logging each one.

    The caller decides who is past retention; this function only deletes and records.
    ``still_due(requester_id) -> bool``, when given, is asked again once the requester's row
    is locked, so that activity since the caller's selection keeps the files.
    Returns the number of files deleted.
    """
    deleted = 0
    for requester in requesters:
        with transaction.atomic():
            locked = requester_locked(requester)
            if still_due is not None and not still_due(locked.pk):
                continue
            for document in list(locked.documents.all()):
                identity_document_remove(document=document, actor=actor, reason="masa retensi berakhir")
                deleted += 1
        logger.info("identity files of requester %s purged", requester.pk)
    return deleted
