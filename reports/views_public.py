"""Public pages: "Kinerja layanan" (this year's figures, small counts suppressed) and the open data."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from ppid.exports import csv_lines
from ppid.office import office_identity
from ppid.workdays import OfficeCalendar

from .charts import bar_chart_svg
from .figures import report_build
from .periods import year_period
from .public import FIELD_NAMES, OPEN_DATA_FIELDS, SCHEMA_VERSION, min_count, open_data_rows, public_figures
from .scope import Scope


def _year(request) -> int:
    this_year = OfficeCalendar().local_date(timezone.now()).year
    raw = request.GET.get("tahun", "")
    if not raw:
        return this_year
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= this_year):
        raise Http404
    return int(raw)


class PublicPerformanceView(TemplateView):
    template_name = "reports/public.html"

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        figures = public_figures(report_build(Scope(year_period(year))))
        charts = [{"breakdown": b, "chart": bar_chart_svg(b.lines, title=b.title)} for b in figures["breakdowns"]]
        return super().get_context_data(year=year, charts=charts, durations=figures["durations"], threshold=figures["threshold"], **kwargs)


def open_data_document(year: int) -> dict:
    office = office_identity()
    return {
        "dataset": "kinerja-layanan-informasi-publik",
        "schema_version": SCHEMA_VERSION,
        "publisher": office.ppid_name,
        "year": year,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "licence": {"name": settings.PPID_OPEN_DATA_LICENCE, "url": settings.PPID_OPEN_DATA_LICENCE_URL},
        "suppression": {"min_count": min_count(), "meaning": f"null: jumlah 1 sampai {min_count() - 1}, disamarkan"},
        "fields": [{"name": name, "type": kind, "description": meaning} for name, kind, meaning in OPEN_DATA_FIELDS],
        "rows": open_data_rows(Scope(year_period(year))),
    }


class OpenDataJsonView(View):
    def get(self, request):
        response = JsonResponse(open_data_document(_year(request)), json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Access-Control-Allow-Origin"] = "*"
        return response


class OpenDataCsvView(View):
    def get(self, request):
        year = _year(request)
        rows = ([row[name] for name in FIELD_NAMES] for row in open_data_rows(Scope(year_period(year))))
        response = HttpResponse("".join(csv_lines(FIELD_NAMES, rows)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="kinerja-layanan-{year}.csv"'
        response["Link"] = f'<{settings.PPID_OPEN_DATA_LICENCE_URL}>; rel="license"'
        response["Access-Control-Allow-Origin"] = "*"
        return response
