"""Documents and exports built in the background: one machinery for every long document.

An app registers a kind (``generated_file_kind_register`` in its AppConfig.ready): a key, a
label, the permission needed to ask for it and to download it, and a builder
``build(owner=, params=, output=, progress=) -> (filename, content_type)`` that reads what the
owner may see, writes to a binary file and calls ``progress(done, total)`` as it goes. ``generated_file_request`` records the job and
hands it to Celery after commit; the task calls ``generated_file_build``, which stores the
file in private storage. The owner follows the progress on a page (ppid.views_files) and finds
the file later in "Unduhan saya" until it expires (``PPID_GENERATED_FILE_DAYS``), when the
daily ``generated_files_purge`` deletes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import tempfile
import typing
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import GeneratedFile

logger = logging.getLogger(__name__)
Status = GeneratedFile.Status
# The progress row is written at most this often (in percent points), not for every row.
PROGRESS_STEP = 2


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    permission: str | tuple[str, ...]  # one permission, or a tuple of which any one will do
    build: Callable  # build(*, owner, params, output, progress) -> (filename, content_type)

    def allows(self, user) -> bool:
        permissions = (self.permission,) if isinstance(self.permission, str) else self.permission
        return any(user.has_perm(permission) for permission in permissions)


_kinds: dict[str, FileKind] = {}


def params_of(filters) -> dict:
    """A frozen dataclass of filters as a job's JSON params (dates as ISO text)."""
    return {
        field.name: value.isoformat() if isinstance(value, dt.date) else value
        for field in dataclasses.fields(filters)
        for value in [getattr(filters, field.name)]
    }


def params_read(filters_class, params: dict):
    """The filters back from params_of (a missing or empty value takes the field's default)."""
    hints, values = typing.get_type_hints(filters_class), {}
    for field in dataclasses.fields(filters_class):
        value = params.get(field.name)
        if value in (None, ""):
            continue
        kind = hints[field.name]
        if dt.date in typing.get_args(kind) or kind is dt.date:
            value = dt.date.fromisoformat(value)
        elif kind is bool:
            value = bool(value)
        values[field.name] = value
    return filters_class(**values)


def generated_file_kind_register(kind: FileKind) -> None:
    _kinds[kind.key] = kind


def generated_file_kind(key: str) -> FileKind:
    return _kinds[key]


def generated_file_request(*, owner, kind: str, title: str, params: dict, now: dt.datetime) -> GeneratedFile:
    """Record a job for ``owner`` and queue it after commit; refused without the kind's permission."""
    file_kind = generated_file_kind(kind)
    if not file_kind.allows(owner):
        raise PermissionDenied
    job = GeneratedFile.objects.create(
        owner=owner,
        kind=kind,
        title=title[:200],
        params=params,
        created_at=now,
        # A retention period for a convenience copy, not a legal deadline: calendar days.
        expires_at=now + dt.timedelta(days=settings.PPID_GENERATED_FILE_DAYS),
    )
    transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def _dispatch(job_id: int) -> None:
    from .tasks import build_generated_file

    build_generated_file.delay(job_id)


def generated_file_build(*, file_id: int, now: dt.datetime) -> GeneratedFile:
    """Build a queued job (idempotent: a finished or running job is left alone)."""
    with transaction.atomic():
        job = GeneratedFile.objects.select_for_update().select_related("owner").filter(pk=file_id).first()
        if job is None or job.status != Status.PENDING:
            return job
        job.status = Status.RUNNING
        job.save(update_fields=["status"])
    kind = generated_file_kind(job.kind)
    reporter = _ProgressReporter(job.pk)
    try:
        with tempfile.TemporaryFile() as output:
            filename, content_type = kind.build(owner=job.owner, params=job.params, output=output, progress=reporter)
            output.seek(0)
            job.file.save(filename, File(output, name=filename), save=False)
    except Exception:
        logger.exception("generated file %s (%s) failed", job.pk, job.kind)
        job.status, job.error, job.finished_at = Status.FAILED, "build failed", now
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.status, job.progress, job.filename, job.content_type, job.finished_at = Status.DONE, 100, filename, content_type, now
    job.save(update_fields=["status", "progress", "file", "filename", "content_type", "finished_at"])
    return job


class _ProgressReporter:
    """progress(done, total): writes the percentage when it has moved by PROGRESS_STEP points."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.written = 0

    def __call__(self, done: int, total: int) -> None:
        percent = min(99, int(done * 100 / total)) if total else 0
        if percent >= self.written + PROGRESS_STEP:
            GeneratedFile.objects.filter(pk=self.job_id).update(progress=percent)
            self.written = percent


def generated_files_purge(*, now: dt.datetime) -> int:
    """Delete expired files and their records (daily; idempotent)."""
    count = 0
    for job in GeneratedFile.objects.filter(expires_at__lte=now).only("id", "file").iterator():
        if job.file:
            job.file.storage.delete(job.file.name)
        job.delete()
        count += 1
    return count


# -- reads ---------------------------------------------------------------------------------
def generated_files_of(*, user) -> QuerySet[GeneratedFile]:
    return GeneratedFile.objects.filter(owner=user).only(
        "id", "kind", "title", "status", "progress", "created_at", "finished_at", "expires_at", "filename"
    )


def generated_file_of_owner(*, user, pk: int) -> GeneratedFile:
    """The user's own job (404 for anyone else's); 403 if the user has since lost the kind's permission."""
    job = get_object_or_404(GeneratedFile, pk=pk, owner=user)
    if job.kind not in _kinds or not _kinds[job.kind].allows(user):
        raise PermissionDenied
    return job
