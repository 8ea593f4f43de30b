"""The deadline ledger of a request: every legal date, why it falls where it does, and whether it was met.

Built from the stored deadline columns (written only by requests.services.deadlines) and the
office calendar (ppid.workdays), which explains each day skipped: weekend, the holiday's
name, cuti bersama, or an office closure. Shown to staff and to the requester.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid import deadlines, law
from ppid.workdays import DayStatus, OfficeCalendar

from .events import RequestAction, deadline_reason_text
from .models import InformationRequest, Notice
from .services.deadlines import DEADLINE_FIELDS

ON_TIME = "on_time"
LATE = "late"
PENDING = "pending"
OVERDUE = "overdue"
STATE_LABELS = {
    ON_TIME: gettext_lazy("tepat waktu"),
    LATE: gettext_lazy("terlambat"),
    PENDING: gettext_lazy("berjalan"),
    OVERDUE: gettext_lazy("lewat batas waktu"),
}


@dataclass
class SkippedDay:
    day: dt.date
    reason: str


@dataclass
class LedgerStage:
    key: str
    label: str
    basis: str
    starts_on: dt.date | None  # None: the objection window waits for the day the notice is received
    working_days: int
    due: dt.date | None
    skipped: list[SkippedDay] = field(default_factory=list)
    done_on: dt.date | None = None
    done_label: str = ""
    state: str = PENDING
    remaining_working_days: int | None = None
    note: str = ""

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass
class LedgerChange:
    at: dt.datetime
    note: str
    changes: list[tuple[str, str, str]]


@dataclass
class Ledger:
    received_at: dt.datetime
    completed_at: dt.datetime | None
    receipt_date: dt.date | None
    receipt_reason: str
    receipt_skipped: list[SkippedDay]
    stages: list[LedgerStage]
    extension: dict | None
    changes: list[LedgerChange]
    clock_running: bool


def _reason(status: DayStatus) -> str:
    label = str(status.source_label)
    return f"{label}: {status.name}" if status.name else label


def _skipped(calendar: OfficeCalendar, start: dt.date, end: dt.date) -> list[SkippedDay]:
    return [SkippedDay(s.day, _reason(s)) for s in calendar.skipped_days(start, end)]


def receipt_explanation(calendar: OfficeCalendar, moment: dt.datetime) -> str:
    """Why the clock starts on the receipt date of ``moment``."""
    local = calendar.to_local(moment)
    status = calendar.status(local.date())
    if not status.is_working:
        return _("diterima pada hari bukan kerja (%(reason)s); dihitung mulai hari kerja berikutnya") % {"reason": _reason(status)}
    closing = calendar.closing_time(local.date())
    if local.time() >= closing:
        return _("diterima setelah jam layanan (tutup pukul %(time)s); dihitung mulai hari kerja berikutnya") % {
            "time": closing.strftime("%H:%M")
        }
    return _("diterima pada hari kerja sebelum jam layanan berakhir; dihitung mulai hari itu")


def _stage_state(stage: LedgerStage, *, today: dt.date, calendar: OfficeCalendar) -> None:
    if stage.done_on is not None:
        stage.state = LATE if stage.done_on > stage.due else ON_TIME
    elif today > stage.due:
        stage.state = OVERDUE
    else:
        stage.state = PENDING
        stage.remaining_working_days = calendar.working_days_between(today, stage.due)


def _stored_base_due(request: InformationRequest, calendar: OfficeCalendar) -> dt.date:
    """The notice due date before any extension, from the stored dates, never recounted on today's calendar.

    Not extended: the stored due date. Extended: the due date the extension event kept; for an
    extension logged without it, the stored due date less the extension's working days.
    """
    if request.extended_at is None:
        return request.notice_due
    event = request.events.filter(action=RequestAction.EXTENDED).order_by("at", "pk").first()
    kept = _as_date((event.data or {}).get("notice_due_before")) if event else None
    if kept is not None:
        return kept
    return calendar.subtract_working_days(request.notice_due, law.EXTENSION_WORKING_DAYS)


def _first_answer(notices: list[Notice]) -> Notice | None:
    answers = [n for n in notices if n.kind != Notice.Kind.EXTENSION]
    return min(answers, key=lambda n: n.issued_at) if answers else None


def request_ledger(
    *, request: InformationRequest, now: dt.datetime, calendar: OfficeCalendar | None = None
) -> Ledger:
    calendar = calendar or OfficeCalendar()
    today = calendar.local_date(now)
    notices = list(request.notices.all())
    events = list(request.events.filter(action=RequestAction.DEADLINE_CHANGED).order_by("at", "pk"))
    completed = request.completed_at
    if completed is None or request.receipt_date is None:
        reason = _("permohonan belum lengkap; jangka waktu belum berjalan sampai permohonan dilengkapi")
        return Ledger(request.received_at, None, None, reason, [], [], None, _changes(events), False)

    reason = receipt_explanation(calendar, completed)
    if abs((completed - request.received_at).total_seconds()) > 60:
        reason = _("permohonan lengkap pada %(moment)s; %(reason)s") % {
            "moment": calendar.to_local(completed).strftime("%d-%m-%Y %H:%M"),
            "reason": reason,
        }
    receipt = request.receipt_date
    receipt_skipped = _skipped(calendar, calendar.local_date(completed), receipt) if calendar.local_date(completed) < receipt else []
    if calendar.local_date(completed) < receipt and not calendar.status(calendar.local_date(completed)).is_working:
        # The day of arrival itself was skipped too: show it first.
        first = calendar.status(calendar.local_date(completed))
        receipt_skipped.insert(0, SkippedDay(first.day, _reason(first)))

    answer = _first_answer(notices)
    answered_on = calendar.local_date(answer.issued_at) if answer else None
    stages: list[LedgerStage] = []
    if request.status in InformationRequest.AWAITING_NOTICE_STATUSES or request.notice_due is None:
        # Open: the stored dates follow the calendar (recomputed on every change), and so does this.
        base_due = deadlines.notice_due(receipt, calendar)
    else:
        # Decided, closed or withdrawn: the dates stay as they were, whatever the calendar says today.
        base_due = _stored_base_due(request, calendar)
    extension = None
    notice_stage = LedgerStage(
        key="notice",
        label=_("Pemberitahuan tertulis"),
        basis=_("UU KIP pasal 22 ayat (7): %(n)s hari kerja") % {"n": law.NOTICE_WORKING_DAYS},
        starts_on=receipt,
        working_days=law.NOTICE_WORKING_DAYS,
        due=base_due,
        skipped=_skipped(calendar, receipt, base_due),
    )
    stages.append(notice_stage)
    if request.extended_at is not None:
        extension_notice = next((n for n in notices if n.kind == Notice.Kind.EXTENSION), None)
        extended_on = calendar.local_date(request.extended_at)
        extension = {
            "at": calendar.to_local(request.extended_at),
            "reason": request.extension_reason,
            "notice": extension_notice,
            "old_due": base_due,
            "new_due": request.notice_due,
            "in_time": extended_on <= base_due,
        }
        notice_stage.done_on = extended_on
        notice_stage.done_label = _("diperpanjang")
        notice_stage.state = ON_TIME if extended_on <= base_due else LATE
        extended_stage = LedgerStage(
            key="extension",
            label=_("Pemberitahuan tertulis setelah perpanjangan"),
            basis=_("UU KIP pasal 22 ayat (8): sekali, %(n)s hari kerja") % {"n": law.EXTENSION_WORKING_DAYS},
            starts_on=base_due,
            working_days=law.EXTENSION_WORKING_DAYS,
            due=request.notice_due,
            skipped=_skipped(calendar, base_due, request.notice_due),
            done_on=answered_on,
            done_label=_("pemberitahuan diterbitkan") if answer else "",
        )
        _stage_state(extended_stage, today=today, calendar=calendar)
        stages.append(extended_stage)
    else:
        notice_stage.due = request.notice_due
        notice_stage.skipped = _skipped(calendar, receipt, request.notice_due)
        notice_stage.done_on = answered_on
        notice_stage.done_label = _("pemberitahuan diterbitkan") if answer else ""
        _stage_state(notice_stage, today=today, calendar=calendar)
    if request.status == InformationRequest.Status.WITHDRAWN and answer is None:
        for stage in stages:
            if stage.state in (PENDING, OVERDUE):
                stage.note = _("permohonan dicabut")

    meetings = list(request.meetings.all())
    if meetings:
        meeting_due = deadlines.coordination_meeting_due(receipt, calendar)
        stage = LedgerStage(
            key="meeting",
            label=_("Rapat koordinasi sebelum penolakan"),
            basis=_("SOP PPID: %(n)s hari kerja sejak permohonan diterima") % {"n": law.COORDINATION_MEETING_WORKING_DAYS},
            starts_on=receipt,
            working_days=law.COORDINATION_MEETING_WORKING_DAYS,
            due=meeting_due,
            skipped=_skipped(calendar, receipt, meeting_due),
            done_on=min(m.held_on for m in meetings),
            done_label=_("rapat diadakan"),
        )
        _stage_state(stage, today=today, calendar=calendar)
        stages.append(stage)

    if answer is not None and answer.decision in ("refused", "partly_granted"):
        stages.append(_objection_stage(answer, today=today, calendar=calendar))

    return Ledger(
        received_at=calendar.to_local(request.received_at),
        completed_at=calendar.to_local(completed),
        receipt_date=receipt,
        receipt_reason=reason,
        receipt_skipped=receipt_skipped,
        stages=stages,
        extension=extension,
        changes=_changes(events),
        clock_running=request.status in InformationRequest.AWAITING_NOTICE_STATUSES,
    )


def _objection_stage(answer: Notice, *, today: dt.date, calendar: OfficeCalendar) -> LedgerStage:
    """30 working days from the day the notice reached the requester: its issue day by email or download
    (recorded when issued), the day the desk records for post or pick-up (no date until then)."""
    start = answer.received_by_requester_on
    stage = LedgerStage(
        key="objection",
        label=_("Batas pengajuan keberatan kepada Atasan PPID"),
        basis=_("UU KIP pasal 35-36: %(n)s hari kerja sejak pemberitahuan diterima") % {"n": law.OBJECTION_WINDOW_WORKING_DAYS},
        starts_on=start,
        working_days=law.OBJECTION_WINDOW_WORKING_DAYS,
        due=None,
    )
    if start is None:
        stage.note = _("tanggal pemberitahuan diterima pemohon belum dicatat")
        return stage
    stage.due = deadlines.objection_window_last_day(start, calendar)
    stage.skipped = _skipped(calendar, start, stage.due)
    stage.state = PENDING if today <= stage.due else OVERDUE
    if stage.state == PENDING:
        stage.remaining_working_days = calendar.working_days_between(today, stage.due)
    return stage


FIELD_LABELS = {"receipt_date": gettext_lazy("tanggal mulai dihitung"), "notice_due": gettext_lazy("batas pemberitahuan tertulis")}


def _as_date(value):
    """Event data keeps dates as ISO text; the ledger shows them as dates (or "-" for none)."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _changes(events) -> list[LedgerChange]:
    """Deadline changes: calendar corrections (and the extension), each with the dates before and after."""
    changes = []
    for event in events:
        data = event.data or {}
        rows = [
            (str(FIELD_LABELS[name]), _as_date(data[name].get("from")), _as_date(data[name].get("to")))
            for name in DEADLINE_FIELDS
            if isinstance(data.get(name), dict)
        ]
        note = deadline_reason_text(data) or event.note
        changes.append(LedgerChange(at=event.at, note=note, changes=rows))
    return changes
