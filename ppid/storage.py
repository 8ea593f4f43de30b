"""File storage: every file goes through Django's storage API, so servers can share one store.

Two stores: ``storages["private"]`` (identity scans, request material, notices, generated
documents) and ``storages["default"]`` (documents the DIP publishes). Both are local folders
by default and an S3-compatible bucket with ``PPID_FILE_STORAGE=s3`` (see ppid/storage_s3.py).
Private files have no URL: they leave through views that check permission, which stream them
(``private_file_response``) or, where ``PPID_PRIVATE_FILE_SIGNED_URLS`` says so and the store
can sign, redirect to a URL that expires after ``PPID_PRIVATE_FILE_URL_SECONDS``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect

# Readable by the application's own user only (UU 27/2022: KTP scans are nobody else's business).
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIRECTORY_MODE = 0o700


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without URLs: files leave only through views that check and log access.

    (FileSystemStorage with base_url=None would quietly fall back to MEDIA_URL.) Files are written
    0600 and folders 0700 unless the deployment's OPTIONS say otherwise."""

    def __init__(self, *args, file_permissions_mode=None, directory_permissions_mode=None, **kwargs):
        super().__init__(
            *args,
            file_permissions_mode=file_permissions_mode or PRIVATE_FILE_MODE,
            directory_permissions_mode=directory_permissions_mode or PRIVATE_DIRECTORY_MODE,
            **kwargs,
        )

    private = True

    def url(self, name):
        raise ValueError("private files have no URL; serve them through a view that checks permission")


class PrivateFilesHiddenAdminMixin:
    """ModelAdmin mixin: file fields on a private store stay out of the admin's forms.

    The admin shows a file as a link to its URL, and a private file has none; it opens through
    the portal's views, which check permission and log access."""

    def get_exclude(self, request, obj=None):
        private = [
            field.name
            for field in self.model._meta.concrete_fields
            if getattr(getattr(field, "storage", None), "private", False)
        ]
        return [*(super().get_exclude(request, obj) or ()), *private]


def file_delete_on_commit(*, storage, name: str) -> None:
    """Delete a stored file once the transaction that dropped its row commits (at once outside one).

    A file deleted inside a transaction that then rolls back would leave a row pointing at nothing.
    """
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def private_file_response(field_file, *, filename: str, inline: bool, content_type: str | None = None, handle=None):
    """The response serving a stored file to a user the caller has already allowed to see it.

    Streams the file from the store (``handle`` when the caller opened it already); with signed
    URLs enabled and a store that signs them, redirects to a short-lived URL instead (the
    caller's permission check and access log stand).
    """
    if not field_file:
        raise Http404
    storage, name = field_file.storage, field_file.name
    if settings.PPID_PRIVATE_FILE_SIGNED_URLS and hasattr(storage, "signed_url"):
        if handle is not None:
            handle.close()
        response = HttpResponseRedirect(
            storage.signed_url(
                name, filename=filename, inline=inline, content_type=content_type, expire=settings.PPID_PRIVATE_FILE_URL_SECONDS
            )
        )
        response["Referrer-Policy"] = "no-referrer"
    else:
        response = FileResponse(
            handle or storage.open(name, "rb"), as_attachment=not inline, filename=filename, content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
