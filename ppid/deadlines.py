"""Stage deadlines of UU KIP from one starting moment, for the calendar calculator and the ledgers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import law
from .workdays import OfficeCalendar


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
    notice_due = calendar.add_working_days(received, law.NOTICE_WORKING_DAYS)
    extended_due = calendar.add_working_days(notice_due, law.EXTENSION_WORKING_DAYS)
    stages = [
        StageDeadline(_("Pemberitahuan tertulis"), _("UU KIP pasal 22 ayat (7)"), received, law.NOTICE_WORKING_DAYS, notice_due),
        StageDeadline(
            _("Pemberitahuan tertulis setelah perpanjangan"),
            _("UU KIP pasal 22 ayat (8)"),
            notice_due,
            law.EXTENSION_WORKING_DAYS,
            extended_due,
        ),
        StageDeadline(
            _("Batas pengajuan keberatan (alasan timbul pada tanggal ini)"),
            _("UU KIP pasal 36 ayat (1)"),
            local_day,
            law.OBJECTION_WINDOW_WORKING_DAYS,
            calendar.add_working_days(local_day, law.OBJECTION_WINDOW_WORKING_DAYS),
        ),
        StageDeadline(
            _("Jawaban atasan PPID (keberatan diterima pada saat ini)"),
            _("UU KIP pasal 36 ayat (2)"),
            received,
            law.ATASAN_ANSWER_WORKING_DAYS,
            calendar.add_working_days(received, law.ATASAN_ANSWER_WORKING_DAYS),
        ),
        StageDeadline(
            _("Batas pengajuan sengketa ke Komisi Informasi (jawaban diterima pada tanggal ini)"),
            _("UU KIP pasal 37 ayat (2)"),
            local_day,
            law.DISPUTE_FILING_WORKING_DAYS,
            calendar.add_working_days(local_day, law.DISPUTE_FILING_WORKING_DAYS),
        ),
    ]
    return received, stages
