"""The report as a table (CSV, XLSX) and as a PDF: the same figures, numbers as numbers."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from ppid.exports import XlsxSheetWriter, csv_lines

from .figures import Report


def report_header() -> list[str]:
    return [_("Periode"), _("Unit"), _("Angka"), _("Rincian"), _("Jumlah"), _("Persen")]


def report_table_rows(report: Report, *, unit_name: str) -> list[list]:
    """One row per line of every figure, then the working days to the written notice."""
    period = report.scope.period.label
    rows = []
    for breakdown in report.breakdowns.values():
        for line in breakdown.lines:
            rows.append([period, unit_name, breakdown.title, line.label, line.count, line.share])
        rows.append([period, unit_name, breakdown.title, _("Jumlah"), breakdown.total, 100.0 if breakdown.total else None])
    stats = report.durations
    title = _("Waktu sampai pemberitahuan tertulis (hari kerja)")
    for label, value in ((_("Jumlah permohonan diputus"), stats.count), (_("Rata-rata"), stats.mean),
                         (_("Median"), stats.median), (_("Persentil ke-90"), stats.p90), (_("Paling lama"), stats.maximum)):
        rows.append([period, unit_name, title, label, value, None])
    return rows


def report_csv(report: Report, *, unit_name: str) -> str:
    return "".join(csv_lines(report_header(), report_table_rows(report, unit_name=unit_name)))


def report_xlsx(report: Report, *, unit_name: str) -> bytes:
    output = io.BytesIO()
    writer = XlsxSheetWriter(output, _("Laporan"), report_header())
    for row in report_table_rows(report, unit_name=unit_name):
        writer.append(row)
    writer.close()
    return output.getvalue()
