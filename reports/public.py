"""What the public sees: this year's figures with small counts suppressed, and the open data.

A count from 1 up to ``PPID_PUBLIC_MIN_COUNT`` - 1 could point to one requester (a single request
from a small unit, a single objection), so the public page shows it as "< N" and the open data as
``null``; shares and durations of so few rows are suppressed too. Zero stays zero. Nothing
personal is read: only counts. docs/reports.md documents the open-data schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth

from objections.models import Objection
from ppid.models import Unit
from requests.models import Decision, InformationRequest

from .definitions import received
from .durations import DurationStats
from .figures import Breakdown, Report
from .scope import Scope

SCHEMA_VERSION = 1
# The open data's columns, in this order, for ever (a new column gets a new schema version).
OPEN_DATA_FIELDS = (
    ("year", "integer", "tahun"),
    ("month", "integer", "bulan (1-12), menurut tanggal permohonan diterima (WIB/zona kantor)"),
    ("unit_code", "string", "kode unit (PPID Utama atau PPID Pembantu)"),
    ("unit_name", "string", "nama unit"),
    ("requests_received", "integer|null", "permohonan teregister yang diterima"),
    ("granted", "integer|null", "diberikan seluruhnya"),
    ("partly_granted", "integer|null", "diberikan sebagian"),
    ("refused", "integer|null", "ditolak"),
    ("not_held", "integer|null", "informasi tidak dikuasai"),
    ("withdrawn", "integer|null", "dicabut pemohon"),
    ("pending", "integer|null", "belum diputus pada saat data diambil"),
    ("notice_on_time", "integer|null", "pemberitahuan tertulis tepat waktu tanpa perpanjangan"),
    ("notice_extended", "integer|null", "pemberitahuan tertulis dalam masa perpanjangan"),
    ("notice_late", "integer|null", "pemberitahuan tertulis terlambat"),
    ("objections_received", "integer|null", "keberatan yang diajukan (menurut tanggal pengajuan)"),
)
FIELD_NAMES = tuple(name for name, _type, _meaning in OPEN_DATA_FIELDS)


def min_count() -> int:
    return max(1, settings.PPID_PUBLIC_MIN_COUNT)


def suppressed(count: int | None, threshold: int | None = None) -> int | None:
    """The count, or None when it is small enough to identify someone (1 to threshold - 1)."""
    threshold = min_count() if threshold is None else threshold
    if count is None or count == 0 or count >= threshold:
        return count
    return None


@dataclass(frozen=True)
class PublicLine:
    label: str
    count: int | None  # None: suppressed
    share: float | None
    shown: str  # the text in the table: the number, or "< N"


@dataclass(frozen=True)
class PublicBreakdown:
    key: str
    title: str
    lines: list[PublicLine]
    total: int | None
    total_shown: str


def _shown(count, threshold) -> str:
    return f"< {threshold}" if count is None else f"{count}"


def public_breakdown(breakdown: Breakdown, threshold: int) -> PublicBreakdown:
    total = suppressed(breakdown.total, threshold)
    lines = []
    for line in breakdown.lines:
        count = suppressed(line.count, threshold)
        share = line.share if count is not None and total is not None else None
        lines.append(PublicLine(line.label, count, share, _shown(count, threshold)))
    return PublicBreakdown(breakdown.key, breakdown.title, lines, total, _shown(total, threshold))


def public_durations(stats: DurationStats, threshold: int) -> DurationStats | None:
    return stats if stats.count >= threshold else None


def public_figures(report: Report, threshold: int | None = None) -> dict:
    threshold = min_count() if threshold is None else threshold
    breakdowns = [public_breakdown(b, threshold) for b in report.breakdowns.values() if b.figure.public]
    return {"breakdowns": breakdowns, "durations": public_durations(report.durations, threshold), "threshold": threshold}


# -- open data ----------------------------------------------------------------------------------
def open_data_rows(scope: Scope, threshold: int | None = None) -> list[dict]:
    """One row per month and unit: two grouped queries (requests, objections), suppressed as above."""
    threshold = min_count() if threshold is None else threshold
    tz = scope.timezone
    decided_on = TruncDate("decided_at", tzinfo=tz)
    requests = (
        received(scope)
        .annotate(month=TruncMonth("received_at", tzinfo=tz), decided_on=decided_on)
        .values("month", "unit_id")
        .annotate(
            requests_received=Count("pk"),
            granted=Count("pk", filter=Q(decision=Decision.GRANTED) & ~Q(status=InformationRequest.Status.WITHDRAWN)),
            partly_granted=Count("pk", filter=Q(decision=Decision.PARTLY_GRANTED) & ~Q(status=InformationRequest.Status.WITHDRAWN)),
            refused=Count("pk", filter=Q(decision=Decision.REFUSED) & ~Q(status=InformationRequest.Status.WITHDRAWN)),
            not_held=Count("pk", filter=Q(decision=Decision.NOT_HELD) & ~Q(status=InformationRequest.Status.WITHDRAWN)),
            withdrawn=Count("pk", filter=Q(status=InformationRequest.Status.WITHDRAWN)),
            pending=Count("pk", filter=Q(decision="") & ~Q(status=InformationRequest.Status.WITHDRAWN)),
            notice_late=Count("pk", filter=Q(decided_at__isnull=False, receipt_date__isnull=False, decided_on__gt=F("notice_due"))),
            notice_extended=Count("pk", filter=Q(decided_at__isnull=False, receipt_date__isnull=False, extended_at__isnull=False,
                                                  decided_on__lte=F("notice_due"))),
            notice_on_time=Count("pk", filter=Q(decided_at__isnull=False, receipt_date__isnull=False, extended_at__isnull=True,
                                                 decided_on__lte=F("notice_due"))),
        )
        .order_by()
    )
    rows: dict = {}
    for row in requests:
        rows[(_month(row.pop("month")), row.pop("unit_id"))] = row
    objections = Objection.objects.filter(submitted_at__gte=scope.start_moment, submitted_at__lt=scope.end_moment)
    if scope.unit_id:
        objections = objections.filter(request__unit_id=scope.unit_id)
    grouped = objections.annotate(month=TruncMonth("submitted_at", tzinfo=tz)).values("month", "request__unit_id").annotate(n=Count("pk")).order_by()
    for row in grouped:
        key = (_month(row["month"]), row["request__unit_id"])
        rows.setdefault(key, {name: 0 for name in FIELD_NAMES[4:-1]})["objections_received"] = row["n"]
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in={unit_id for _month_key, unit_id in rows})}
    result = []
    for (month, unit_id), counts in sorted(rows.items(), key=lambda item: (item[0][0], units[item[0][1]].code)):
        unit = units[unit_id]
        record = {"year": month[0], "month": month[1], "unit_code": unit.code, "unit_name": unit.name}
        for name in FIELD_NAMES[4:]:
            record[name] = suppressed(counts.get(name, 0), threshold)
        result.append(record)
    return result


def _month(value) -> tuple[int, int]:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.year, value.month
