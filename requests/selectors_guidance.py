"""What a requester should do next, and the stages of a request in plain words.

Reads only: the verification state (registry), the request's stored dates and the deadline
ledger (requests.selectors_ledger), so the dates shown here are the ledger's dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from ppid.dates import long_date
from ppid.workdays import OfficeCalendar
from registry.models import IdentityDocument, Requester
from registry.selectors import requester_missing_documents

from .models import Decision, InformationRequest
from .selectors_ledger import LATE, OVERDUE, request_ledger

Status = InformationRequest.Status
Verification = Requester.Verification
GIVES_INFORMATION = (Decision.GRANTED, Decision.PARTLY_GRANTED)


# -- the requester's next step -----------------------------------------------------------------
@dataclass(frozen=True)
class NextStep:
    key: str
    title: str
    text: str
    url: str = ""
    action: str = ""


def requester_next_step(*, requester: Requester) -> NextStep:
    """The one thing a requester should do now to be able to ask for information."""
    status = requester.verification_status
    if status == Verification.VERIFIED:
        return NextStep(
            "submit_request",
            _("Ajukan permohonan"),
            _("Identitas Anda sudah terverifikasi. Anda dapat mengajukan permohonan informasi kapan saja."),
            reverse("requests:submit"),
            _("Ajukan permohonan"),
        )
    if status == Verification.PENDING:
        return NextStep(
            "await_verification",
            _("Menunggu verifikasi"),
            _("Petugas sedang memeriksa dokumen identitas Anda. Setelah terverifikasi, Anda dapat mengajukan permohonan. "
              "Bila perlu segera, datanglah ke meja layanan dengan membawa dokumen asli."),
            reverse("registry:profile"),
            _("Lihat profil dan dokumen"),
        )
    if status == Verification.REJECTED:
        return NextStep(
            "fix_identity",
            _("Perbaiki identitas"),
            _("Verifikasi identitas Anda ditolak. Baca alasannya di profil, perbaiki data atau dokumen, lalu ajukan kembali."),
            reverse("registry:profile"),
            _("Lihat alasan dan perbaiki"),
        )
    missing = requester_missing_documents(requester=requester)
    if missing:
        labels = ", ".join(str(IdentityDocument.Kind(kind).label) for kind in missing)
        title = _("Unggah KTP") if missing == [IdentityDocument.Kind.KTP] else _("Unggah dokumen identitas")
        return NextStep(
            "upload_identity",
            title,
            _("Sebelum mengajukan permohonan, unggah dokumen identitas Anda: %(documents)s. Petugas akan memverifikasinya.")
            % {"documents": labels},
            reverse("registry:document-upload"),
            title,
        )
    return NextStep(
        "submit_verification",
        _("Ajukan verifikasi"),
        _("Dokumen identitas Anda lengkap. Ajukan verifikasi agar petugas memeriksanya."),
        reverse("registry:verification-submit"),
        _("Ajukan verifikasi"),
    )


# -- the stages of one request -------------------------------------------------------------------
DONE = "done"
CURRENT = "current"
UPCOMING = "upcoming"
LATE_STATE = "late"


@dataclass
class TimelineStep:
    key: str
    title: str
    state: str
    done_at: dt.date | dt.datetime | None = None
    due: dt.date | None = None
    note: str = ""
    remaining_working_days: int | None = None

    @property
    def state_label(self) -> str:
        return {
            DONE: _("selesai"),
            CURRENT: _("sedang berjalan"),
            UPCOMING: _("belum"),
            LATE_STATE: _("lewat batas waktu"),
        }[self.state]


def _first_event_at(request: InformationRequest, action: str):
    event = request.events.filter(action=action).order_by("at", "pk").first()
    return event.at if event else None


def request_timeline(*, request: InformationRequest, now: dt.datetime, calendar: OfficeCalendar | None = None) -> list[TimelineStep]:
    """Received, registered, written notice (and extension), delivery or objection window, closed: each
    with the date it was done or the date it is due (the ledger's dates)."""
    calendar = calendar or OfficeCalendar()
    ledger = request_ledger(request=request, now=now, calendar=calendar)
    stages = {stage.key: stage for stage in ledger.stages}
    withdrawn = request.status == Status.WITHDRAWN
    steps = [TimelineStep("received", _("Permohonan diterima"), DONE, done_at=request.received_at, note=request.get_channel_display())]

    if request.completed_at is None:
        steps.append(TimelineStep(
            "registered", _("Permohonan lengkap dan diberi nomor register"), UPCOMING if withdrawn else CURRENT,
            note=_("Permohonan belum lengkap. Lengkapi di meja layanan; batas waktu mulai dihitung setelah lengkap."),
        ))
    else:
        steps.append(TimelineStep(
            "registered", _("Permohonan lengkap dan diberi nomor register"), DONE, done_at=request.completed_at,
            note=_("Batas waktu dihitung mulai %(day)s.") % {"day": long_date(ledger.receipt_date)} if ledger.receipt_date else "",
        ))

    notice_stage = stages.get("extension") or stages.get("notice")
    answered = request.decided_at
    if notice_stage is not None:
        step = TimelineStep("notice", _("Pemberitahuan tertulis dari PPID"), UPCOMING, due=notice_stage.due)
        if answered is not None:
            step.state, step.done_at = DONE, answered
            if notice_stage.state == LATE:
                step.note = _("Diterbitkan setelah batas waktu.")
        elif withdrawn:
            step.state = UPCOMING
        else:
            step.state = LATE_STATE if notice_stage.state == OVERDUE else CURRENT
            step.remaining_working_days = notice_stage.remaining_working_days
        if "extension" in stages and ledger.extension:
            step.note = " ".join(filter(None, [
                _("Diperpanjang satu kali: batas semula %(old)s.") % {"old": long_date(ledger.extension["old_due"])}, step.note,
            ]))
        steps.append(step)

    if request.decision in GIVES_INFORMATION:
        delivered = request.fulfilled_at
        steps.append(TimelineStep(
            "delivered", _("Informasi diserahkan kepada Anda"), DONE if delivered else (UPCOMING if withdrawn else CURRENT),
            done_at=delivered, note=request.get_delivery_method_display(),
        ))
    objection = stages.get("objection")
    if objection is not None:
        lapsed = objection.state == OVERDUE
        steps.append(TimelineStep(
            "objection", _("Batas mengajukan keberatan kepada Atasan PPID (bila Anda tidak puas)"),
            DONE if lapsed else CURRENT, due=objection.due,
            note=_("Masa pengajuan keberatan sudah berakhir.") if lapsed else objection.note,
            remaining_working_days=objection.remaining_working_days,
        ))

    if withdrawn:
        steps.append(TimelineStep("withdrawn", _("Permohonan dicabut"), DONE, done_at=_first_event_at(request, "withdrawn")))
    else:
        steps.append(TimelineStep("closed", _("Permohonan selesai"), DONE if request.closed_at else UPCOMING, done_at=request.closed_at))
    return steps
