"""The law's periods applied to a starting day: the one place every deadline formula is written.

Each function takes the day the period starts from (day 0, never moved) and the office calendar,
and returns the last day of the period. Requests, objections and disputes compute and store their
due dates through these functions (each app's deadlines module is the only writer of its columns);
the calendar calculator, the ledgers and the printed letters show dates from the same functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import law
from .workdays import OfficeCalendar


def notice_due(receipt: dt.date, calendar: OfficeCalendar) -> dt.date:
    """UU KIP pasal 22 ayat (7): the written notice, 10 working days from the receipt date."""
    return calendar.add_working_days(receipt, law.NOTICE_WORKING_DAYS)


def extended_notice_due(due: dt.date, calendar: OfficeCalendar) -> dt.date:
    """UU KIP pasal 22 ayat (8): once extended, 7 more working days from the original due date."""
    return calendar.add_working_days(due, law.EXTENSION_WORKING_DAYS)


def request_notice_due(receipt: dt.date, *, extended: bool, calendar: OfficeCalendar) -> dt.date:
    due = notice_due(receipt, calendar)
    return extended_notice_due(due, calendar) if extended else due


def coordination_meeting_due(receipt: dt.date, calendar: OfficeCalendar) -> dt.date:
    """Seed 004: a coordination meeting before a refusal within 3 working days of receipt."""
    return calendar.add_working_days(receipt, law.COORDINATION_MEETING_WORKING_DAYS)


def objection_window_last_day(ground_date: dt.date, calendar: OfficeCalendar) -> dt.date:
    """UU KIP pasal 36 ayat (1): an objection within 30 working days of the day its ground arose."""
    return calendar.add_working_days(ground_date, law.OBJECTION_WINDOW_WORKING_DAYS)


def atasan_answer_due(objection_receipt: dt.date, calendar: OfficeCalendar) -> dt.date:
    """UU KIP pasal 36 ayat (2): the Atasan PPID answers within 30 working days of the objection's receipt date."""
    return calendar.add_working_days(objection_receipt, law.ATASAN_ANSWER_WORKING_DAYS)


def dispute_filing_last_day(start: dt.date, calendar: OfficeCalendar) -> dt.date:
    """UU KIP pasal 37 ayat (2): a dispute within 14 working days of receiving the answer (or of its due date)."""
    return calendar.add_working_days(start, law.DISPUTE_FILING_WORKING_DAYS)


def mediation_due(start: dt.date, *, extended: bool, calendar: OfficeCalendar) -> dt.date:
    """Perki 1/2013: mediation takes 14 working days, extendable once by 7."""
    due = calendar.add_working_days(start, law.MEDIATION_WORKING_DAYS)
    return calendar.add_working_days(due, law.MEDIATION_EXTENSION_WORKING_DAYS) if extended else due


def dispute_settlement_due(registered_on: dt.date, calendar: OfficeCalendar) -> dt.date:
    """UU KIP pasal 38 ayat (2): the Komisi Informasi settles a dispute within 100 working days."""
    return calendar.add_working_days(registered_on, law.DISPUTE_SETTLEMENT_WORKING_DAYS)


@dataclass(frozen=True)
class StageDeadline:
    label: str
    basis: str
    starts_on: dt.date
    working_days: int
    due: dt.date


def stage_deadlines(moment: dt.datetime, calendar: OfficeCalendar | None = None) -> tuple[dt.date, list[StageDeadline]]:
    """Each stage's due date if that stage began at ``moment`` (received request, notice, objection...)."""
    calendar = calendar or OfficeCalendar()
    received = calendar.receipt_date(moment)
    local_day = calendar.local_date(moment)
    first_due = notice_due(received, calendar)
    stages = [
        StageDeadline(_("Pemberitahuan tertulis"), _("UU KIP pasal 22 ayat (7)"), received, law.NOTICE_WORKING_DAYS, first_due),
        StageDeadline(
            _("Pemberitahuan tertulis setelah perpanjangan"),
            _("UU KIP pasal 22 ayat (8)"),
            first_due,
            law.EXTENSION_WORKING_DAYS,
            extended_notice_due(first_due, calendar),
        ),
        StageDeadline(
            _("Batas pengajuan keberatan (alasan timbul pada tanggal ini)"),
            _("UU KIP pasal 36 ayat (1)"),
            local_day,
            law.OBJECTION_WINDOW_WORKING_DAYS,
            objection_window_last_day(local_day, calendar),
        ),
        StageDeadline(
            _("Jawaban atasan PPID (keberatan diterima pada saat ini)"),
            _("UU KIP pasal 36 ayat (2)"),
            received,
            law.ATASAN_ANSWER_WORKING_DAYS,
            atasan_answer_due(received, calendar),
        ),
        StageDeadline(
            _("Batas pengajuan sengketa ke Komisi Informasi (jawaban diterima pada tanggal ini)"),
            _("UU KIP pasal 37 ayat (2)"),
            local_day,
            law.DISPUTE_FILING_WORKING_DAYS,
            dispute_filing_last_day(local_day, calendar),
        ),
    ]
    return received, stages


@dataclass(frozen=True)
class SubmissionAnswer:
    """"If I submit at this moment, when must I be answered?", in the terms a requester reads."""

    moment: dt.datetime
    receipt: dt.date
    rolled_forward: str  # "" (counts that day), "after_closing" or "non_working_day"
    closing_time: dt.time | None
    notice_due: dt.date
    extended_due: dt.date
    skipped: list  # DayStatus of each non-working day between the receipt date and the notice due date


def submission_answer(moment: dt.datetime, calendar: OfficeCalendar | None = None) -> SubmissionAnswer:
    calendar = calendar or OfficeCalendar()
    local = calendar.to_local(moment)
    receipt = calendar.receipt_date(moment)
    rolled = ""
    closing = None
    if receipt != local.date():
        if calendar.is_working_day(local.date()):
            rolled, closing = "after_closing", calendar.closing_time(local.date())
        else:
            rolled = "non_working_day"
    first_due = notice_due(receipt, calendar)
    return SubmissionAnswer(
        moment=local,
        receipt=receipt,
        rolled_forward=rolled,
        closing_time=closing,
        notice_due=first_due,
        extended_due=extended_notice_due(first_due, calendar),
        skipped=calendar.skipped_days(receipt, first_due),
    )
