"""The report as a PDF, built in the background (a ppid.generated kind registered in ReportsConfig.ready).

The figures, the layout and the writing of a year's report take long enough that the page asks for a
job instead of waiting; the CSV and XLSX of a report are one small table each and stay in the request.
The builder asks the same access rule as the page at build time (the permission, and a PPID Pembantu's
staff confined to their own unit), reads the figures in Indonesian and has the office's PPID sign.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.generated import FileKind, generated_file_kind_register
from ppid.letters import Letter, document_render, ppid_signatory, signing_place
from ppid.models import Unit
from ppid.office import office_identity
from ppid.pdf import DOCUMENT_LANGUAGE
from ppid.workdays import OfficeCalendar
from requests.services.access import staff_scope

from .charts import bar_chart_svg, bar_percent
from .definitions import ALL
from .figures import Report, report_build
from .models import ReportNarrative
from .periods import period_parse
from .scope import Scope

REPORT_PDF = "reports.report_pdf"
PERMISSION = "reports.view_reports"


def report_unit_allowed(user, unit_id: int | None) -> int | None:
    """The unit a user's report covers: a PPID Pembantu's staff see their own unit's figures only
    (the one unit-scope rule, requests.services.access.staff_scope); others the unit they chose or all."""
    confined = staff_scope(user).unit
    return confined.pk if confined is not None else unit_id


def scope_unit_name(scope: Scope) -> str:
    if scope.unit_id:
        return Unit.objects.filter(pk=scope.unit_id).values_list("name", flat=True).first() or ""
    return _("Semua unit")


def figure_blocks(report: Report, *, drilldown_url: str = "", query: str = "", for_print: bool = False) -> list[dict]:
    """What the page and the PDF show per figure: the chart, the table, the link behind each count.

    The page draws one SVG chart per figure; the PDF draws a bar in each table row instead (a CSS block)."""
    blocks = []
    for breakdown in report.breakdowns.values():
        lines = []
        peak = max([line.count for line in breakdown.lines] + [1])
        for line in breakdown.lines:
            link = ""
            if drilldown_url and line.count:
                link = f"{drilldown_url}?{query}&{urlencode({'angka': breakdown.key, 'nilai': line.url_value})}"
            lines.append({"line": line, "link": link, "bar": bar_percent(line.count, peak)})
        chart = "" if for_print else bar_chart_svg(breakdown.lines, title=breakdown.title)
        total_link = f"{drilldown_url}?{query}&{urlencode({'angka': breakdown.key, 'nilai': ALL})}" if drilldown_url and breakdown.total else ""
        blocks.append({"breakdown": breakdown, "lines": lines, "chart": chart, "total_link": total_link})
    return blocks


def report_pdf(report: Report, *, unit_name: str, now: dt.datetime, laid_out=None) -> bytes:
    """The report in the office's letter frame, signed by the PPID (the office, never the officer who
    asked for it), always in Indonesian."""
    year = report.scope.period.start.year
    narrative = ReportNarrative.objects.filter(year=year).first() if report.scope.period.kind == "year" else None
    issued_on = OfficeCalendar().local_date(now)
    office = office_identity(on=issued_on)
    with translation.override(DOCUMENT_LANGUAGE):
        title = str(_("Laporan layanan informasi publik"))
    letter = Letter(title=title, place=signing_place(office), signed_on=issued_on, signatory=ppid_signatory(office))
    return document_render(letter=letter, template_name="print/reports/report.html", office=office, laid_out=laid_out, context={
        "report": report, "scope": report.scope, "unit_name": unit_name, "blocks": figure_blocks(report, for_print=True),
        "narrative": narrative,
    })


def report_job_params(scope: Scope) -> dict:
    return {"period": scope.period.code, "unit_id": scope.unit_id}


def report_pdf_build(*, owner, params: dict, output, progress) -> tuple[str, str]:
    """Builder of the REPORT_PDF kind: the owner must still see reports, and this unit's (or all) figures."""
    period = period_parse(params.get("period", ""))
    unit_id = params.get("unit_id")
    if not owner.has_perm(PERMISSION) or report_unit_allowed(owner, unit_id) != unit_id:
        raise PermissionDenied
    if period is None:
        raise ValueError(f"unknown period {params.get('period')!r}")
    scope = Scope(period, unit_id)
    with translation.override(DOCUMENT_LANGUAGE):  # the labels are read while building: documents are Indonesian
        report = report_build(scope)
        unit_name = scope_unit_name(scope)
    progress(1, 3)  # the figures
    pdf = report_pdf(report, unit_name=unit_name, now=timezone.now(), laid_out=lambda: progress(2, 3))
    output.write(pdf)
    return f"laporan-{period.code}.pdf", "application/pdf"


def report_file_kinds() -> None:
    generated_file_kind_register(FileKind(REPORT_PDF, gettext_lazy("PDF laporan layanan informasi publik"), PERMISSION, report_pdf_build))
