"""The buku register keberatan: one row per objection with every column of the domain brief.

Columns: objection number, date, requester or proxy, request number, information, purpose, ground,
PPID decision, answer date, the Atasan's name and position, the requester's reply (and, for the
office's own follow-up, status and the Atasan's due date). Rows are read in two queries whatever
their number (the objection with its request, requester and answer; the grounds prefetched).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.workdays import OfficeCalendar

from .models import Objection, ObjectionGroundClaim
from .services.access import objections_visible_to_staff

# Exports read the register this many objections at a time.
ROW_CHUNK = 2000

COLUMNS = (
    _("Nomor register keberatan"),
    _("Tanggal"),
    _("Pemohon / kuasa"),
    _("Nomor register permohonan"),
    _("Informasi yang diminta"),
    _("Tujuan penggunaan informasi"),
    _("Alasan keberatan"),
    _("Keputusan PPID"),
    _("Tanggal tanggapan atasan PPID"),
    _("Nama dan jabatan atasan PPID"),
    _("Tanggapan pemohon"),
    _("Status"),
    _("Batas jawaban atasan PPID"),
)


@dataclass(frozen=True)
class RegisterFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    ground: str = ""
    status: str = ""
    overdue: bool = False
    query: str = ""

    def describe(self) -> str:
        parts = []
        if self.date_from:
            parts.append(f"{_('dari')} {self.date_from:%d-%m-%Y}")
        if self.date_to:
            parts.append(f"{_('sampai')} {self.date_to:%d-%m-%Y}")
        if self.ground:
            parts.append(f"{_('alasan')} {self.ground}")
        if self.status:
            parts.append(str(Objection.Status(self.status).label))
        if self.overdue:
            parts.append(str(_("lewat batas waktu")))
        if self.query:
            parts.append(f"“{self.query}”")
        return ", ".join(parts)


def register_queryset(*, user, filters: RegisterFilters, today: dt.date) -> QuerySet[Objection]:
    calendar = OfficeCalendar()
    rows = objections_visible_to_staff(user=user).select_related("request", "requester", "answer")
    if filters.date_from:
        rows = rows.filter(submitted_at__gte=_start(filters.date_from, calendar))
    if filters.date_to:
        rows = rows.filter(submitted_at__lt=_start(filters.date_to + dt.timedelta(days=1), calendar))
    if filters.ground:
        rows = rows.filter(grounds__ground=filters.ground)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(status__in=Objection.OPEN_STATUSES, answer_due__lt=today)
    if filters.query:
        q = filters.query
        rows = rows.filter(
            Q(register_number__icontains=q) | Q(request__register_number__icontains=q) | Q(requester__full_name__icontains=q)
            | Q(proxy_name__icontains=q) | Q(request__information_wanted__icontains=q)
        )
    grounds = Prefetch("grounds", queryset=ObjectionGroundClaim.objects.order_by("ground"))
    return rows.distinct().prefetch_related(grounds).order_by("-submitted_at", "-pk")


def _start(day: dt.date, calendar: OfficeCalendar) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=calendar.timezone)


def register_row(objection: Objection, calendar: OfficeCalendar) -> list:
    request = objection.request
    try:
        answer = objection.answer
    except Objection.answer.RelatedObjectDoesNotExist:
        answer = None
    who = objection.requester.display_name + (f" ({_('kuasa')}: {objection.proxy_name})" if objection.proxy_name else "")
    grounds = "; ".join(f"{g.ground}. {g.reason}" for g in objection.grounds.all())
    return [
        objection.register_number or "",
        calendar.local_date(objection.submitted_at),
        who,
        request.register_number or "",
        request.information_wanted,
        request.purpose,
        grounds,
        request.get_decision_display() if request.decision else str(_("belum ada pemberitahuan tertulis")),
        calendar.local_date(answer.answered_at) if answer else None,
        f"{answer.atasan_name}, {answer.atasan_position}" if answer else "",
        answer.requester_reply if answer else "",
        objection.get_status_display(),
        objection.answer_due,
    ]


def register_value_rows(objections: QuerySet[Objection]):
    """Every row's values, read ROW_CHUNK objections at a time (two queries a chunk, constant memory)."""
    calendar = OfficeCalendar()
    for objection in objections.iterator(chunk_size=ROW_CHUNK):
        yield register_row(objection, calendar)


def register_rows(*, user, filters: RegisterFilters, today: dt.date, limit: int | None = None):
    calendar = OfficeCalendar()
    rows = register_queryset(user=user, filters=filters, today=today)
    if limit is not None:
        rows = rows[:limit]
    return [(objection, register_row(objection, calendar)) for objection in rows]
