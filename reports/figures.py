"""The report's numbers: one grouped query per figure (conditional aggregation in SQL), never a loop over rows.

``report_build(scope)`` gives every figure of docs/reports.md for a period and unit. Each figure
is one ``GROUP BY`` over its source (``reports.definitions``); the working days to the written
notice come from ``reports.durations``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count

from ppid.workdays import OfficeCalendar

from .definitions import FIGURES, Figure, figure_rows
from .durations import DurationStats, notice_duration_stats
from .periods import MONTH_NAMES_ID
from .scope import Scope


@dataclass(frozen=True)
class Line:
    value: object  # the bucket as stored (a code, a unit id, a month's first day)
    label: str
    count: int
    share: float | None = None  # percent of the figure's total

    @property
    def url_value(self) -> str:
        if isinstance(self.value, dt.date):
            return f"{self.value:%Y-%m}"
        return "" if self.value is None else str(self.value)


@dataclass(frozen=True)
class Breakdown:
    figure: Figure
    lines: list[Line]
    total: int

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def title(self) -> str:
        return str(self.figure.title)

    def count_of(self, value) -> int:
        return next((line.count for line in self.lines if line.value == value), 0)


@dataclass
class Report:
    scope: Scope
    breakdowns: dict[str, Breakdown] = field(default_factory=dict)
    durations: DurationStats = DurationStats()

    def __getitem__(self, key: str) -> Breakdown:
        return self.breakdowns[key]

    @property
    def received_total(self) -> int:
        return self.breakdowns["channel"].total

    @property
    def objections_total(self) -> int:
        return self.breakdowns["objection_outcome"].total

    @property
    def disputes_total(self) -> int:
        return self.breakdowns["dispute_stage"].total


def _month_key(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.replace(day=1)


def breakdown_build(figure: Figure, scope: Scope) -> Breakdown:
    """One figure: a single GROUP BY over its source rows."""
    counted = figure_rows(figure, scope).values("bucket").annotate(n=Count("pk")).order_by()
    counts: dict = {}
    for bucket, n in counted.values_list("bucket", "n"):
        key = _month_key(bucket) if figure.key == "month" else bucket
        counts[key] = counts.get(key, 0) + n
    total = sum(counts.values())
    if figure.key == "month":
        months = scope.period.months()
        labels = {month: f"{MONTH_NAMES_ID[month.month - 1]} {month.year}" for month in months}
    else:
        labels = figure.labels()
    order = list(labels)
    if figure.open_labels:
        order += [value for value in counts if value not in labels]
    lines = []
    for value in order:
        count = counts.get(value, 0)
        if figure.key == "unit" and not count:
            continue  # every unit of the office would be listed; show the ones with requests
        label = labels.get(value) if value in labels else str(value)
        lines.append(Line(value, label, count, round(100 * count / total, 1) if total else None))
    return Breakdown(figure, lines, total)


def report_build(scope: Scope, *, figures=FIGURES, calendar: OfficeCalendar | None = None) -> Report:
    report = Report(scope)
    for figure in figures:
        report.breakdowns[figure.key] = breakdown_build(figure, scope)
    report.durations = notice_duration_stats(scope, calendar=calendar)
    return report
