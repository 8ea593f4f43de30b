"""The hearings and documents of a dispute (uploads checked by content, kept in private storage)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction

from ppid.rules import ALLOWED, Verdict, verdict_enforce
from ppid.uploads import upload_clean
from requests.services.files import files_removed_on_failure, private_file_save, safe_name

from ..dispute_events import DisputeAction
from ..models import Dispute, DisputeDocument, Hearing
from .disputes import Stage, _desk_verdict, _stage_date, dispute_event, lock_dispute

RECORDING_STAGES = (
    Stage.REGISTRATION, Stage.PRELIMINARY, Stage.MEDIATION, Stage.ADJUDICATION, Stage.DECIDED,
    Stage.ADMINISTRATIVE_COURT, Stage.DISTRICT_COURT, Stage.CASSATION,
)


def hearing_guard(actor, dispute: Dispute, now) -> Verdict:
    """Hearings are held once the Komisi Informasi has registered the dispute, until it ends."""
    return _desk_verdict(actor, dispute, *RECORDING_STAGES) or ALLOWED


def document_guard(actor, dispute: Dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.FILED, *RECORDING_STAGES) or ALLOWED


@transaction.atomic
def hearing_record(
    *, dispute_id: int, held_at: dt.datetime, agenda: str, place: str, attended_by: str, minutes: str, actor, now: dt.datetime
) -> Hearing:
    """A hearing of the current stage: when, its agenda, who attended, and its minutes."""
    dispute = lock_dispute(dispute_id)
    verdict_enforce(hearing_guard(actor, dispute, now))
    from ppid.workdays import OfficeCalendar

    _stage_date(OfficeCalendar().local_date(held_at), after=dispute.registered_on or dispute.filed_on, now=now)
    hearing = Hearing.objects.create(
        dispute=dispute, stage=dispute.stage, held_at=held_at, agenda=agenda, place=place, attended_by=attended_by,
        notes=minutes, recorded_by=actor,
    )
    dispute_event(
        dispute, action=DisputeAction.HEARING_RECORDED, actor=actor,
        data={"hearing": hearing.pk, "title": agenda, "stage": dispute.stage, "held_at": held_at.isoformat()},
    )
    return hearing


@files_removed_on_failure
@transaction.atomic
def document_add(*, dispute_id: int, title: str, upload, actor, now: dt.datetime) -> DisputeDocument:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(document_guard(actor, dispute, now))
    clean = upload_clean(upload)
    document = DisputeDocument(
        dispute=dispute, title=title, original_name=safe_name(upload, clean.extension), content_type=clean.content_type,
        sha256=clean.sha256, uploaded_by=actor, uploaded_at=now,
    )
    private_file_save(document.file, document.original_name, ContentFile(clean.content))
    document.save()
    dispute_event(dispute, action=DisputeAction.DOCUMENT_ADDED, actor=actor, data={"document": document.pk, "title": title})
    return document
