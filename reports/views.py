"""Staff report pages: the report of a period (month, quarter, year, custom) and unit, its files,
the list of requests behind each figure, the annual narrative and the daily report per officer."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import StaffPermissionRequiredMixin
from ppid.views_files import GeneratedFileRequestView
from ppid.workdays import OfficeCalendar
from requests.selectors_register import COLUMNS, RegisterFilters, register_rows, register_typed_rows
from requests.views.register import register_line_html

from . import documents, exports
from .definitions import ALL, FIGURES_BY_KEY, bucket_value_parse, requests_behind
from .documents import figure_blocks, report_unit_allowed, scope_unit_name
from .figures import breakdown_build, report_build
from .forms import NarrativeForm, ReportPeriodForm, default_period, period_form_initial
from .models import ReportNarrative
from .scope import Scope
from .services import narrative_save

DRILLDOWN_MAX_ROWS = 500


class ReportMixin(StaffPermissionRequiredMixin):
    permission_required = "reports.view_reports"

    def scope_from_request(self) -> tuple[ReportPeriodForm, Scope]:
        form = ReportPeriodForm(self.request.GET or None)
        today = OfficeCalendar().local_date(timezone.now())
        period, unit_id = default_period(today), None
        if form.is_bound and form.is_valid():
            period = form.cleaned_data["period"] or period
            unit_id = form.cleaned_data["unit"].pk if form.cleaned_data["unit"] else None
        unit_id = report_unit_allowed(self.request.user, unit_id)  # a PPID Pembantu's staff: their own unit
        if not form.is_bound or not form.errors:  # show the period in force in the pickers
            form = ReportPeriodForm(initial=period_form_initial(period, unit_id))
        return form, Scope(period, unit_id)

    def unit_name(self, scope: Scope) -> str:
        return scope_unit_name(scope)

    @staticmethod
    def scope_query(scope: Scope) -> str:
        query = {"periode": scope.period.code}
        if scope.unit_id:
            query["unit"] = scope.unit_id
        return urlencode(query)


class ReportView(ReportMixin, TemplateView):
    template_name = "reports/report.html"

    def get_context_data(self, **kwargs):
        form, scope = self.scope_from_request()
        report = report_build(scope)
        query = self.scope_query(scope)
        year = scope.period.start.year
        return super().get_context_data(
            form=form, report=report, scope=scope, unit_name=self.unit_name(scope), query=query,
            blocks=figure_blocks(report, drilldown_url=reverse("reports:drilldown"), query=query),
            decided_link=f"{reverse('reports:drilldown')}?{query}&{urlencode({'angka': 'timeliness', 'nilai': ALL})}",
            narrative=ReportNarrative.objects.filter(year=year).first() if scope.period.kind == "year" else None,
            year=year, can_edit_narrative=self.request.user.has_perm("reports.edit_report_narrative"),
            **kwargs,
        )


class ReportCsvView(ReportMixin, View):
    def get(self, request):
        _form, scope = self.scope_from_request()
        report = report_build(scope)
        response = HttpResponse(exports.report_csv(report, unit_name=self.unit_name(scope)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="laporan-{scope.period.code}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


class ReportXlsxView(ReportMixin, View):
    def get(self, request):
        _form, scope = self.scope_from_request()
        report = report_build(scope)
        response = HttpResponse(
            exports.report_xlsx(report, unit_name=self.unit_name(scope)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="laporan-{scope.period.code}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response


class ReportPdfView(ReportMixin, GeneratedFileRequestView):
    """The report's PDF, built in the background: the page's button posts here; a GET (an old link) asks first."""

    kind = documents.REPORT_PDF

    def job(self) -> tuple[str, dict]:
        _form, scope = self.scope_from_request()
        title = _("Laporan layanan informasi publik %(period)s, %(unit)s") % {"period": scope.period.label, "unit": self.unit_name(scope)}
        return title, documents.report_job_params(scope)

    def back_url(self) -> str:
        _form, scope = self.scope_from_request()
        return f"{reverse('reports:report')}?{self.scope_query(scope)}"


class DrilldownView(ReportMixin, TemplateView):
    """The requests behind one count, as register rows (the register's visibility rule and columns)."""

    template_name = "reports/drilldown.html"

    def get_context_data(self, **kwargs):
        _form, scope = self.scope_from_request()
        figure = FIGURES_BY_KEY.get(self.request.GET.get("angka", ""))
        raw = self.request.GET.get("nilai", "")
        value = bucket_value_parse(figure, raw) if figure and len(raw) <= 300 else None
        if figure is None or value is None:
            raise Http404
        rows = register_rows(filters=RegisterFilters(), user=self.request.user).filter(pk__in=requests_behind(figure, scope, value))
        found = list(register_typed_rows(rows, limit=DRILLDOWN_MAX_ROWS + 1))
        can_open = self.request.user.has_perm("requests.intake_request")
        detail_url = reverse("requests:desk-detail", args=[0])[:-2] if can_open else ""
        lines = [register_line_html(row, detail_url=detail_url, overdue_badge="") for row in found[:DRILLDOWN_MAX_ROWS]]
        label = _("semua") if value == ALL else next((line.label for line in breakdown_build(figure, scope).lines if line.url_value == raw), raw)
        return super().get_context_data(
            figure=figure, label=label, scope=scope, lines=lines, columns=COLUMNS, capped=len(found) > DRILLDOWN_MAX_ROWS,
            max_rows=DRILLDOWN_MAX_ROWS, query=self.scope_query(scope), unit_name=self.unit_name(scope), **kwargs,
        )


class NarrativeEditView(StaffPermissionRequiredMixin, View):
    """The annual report's narrative (policy, obstacles, recommendations), saved per year."""

    permission_required = "reports.edit_report_narrative"
    template_name = "reports/narrative.html"

    def dispatch(self, request, *args, **kwargs):
        if not 2000 <= kwargs["year"] <= 2100:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, year):
        narrative = ReportNarrative.objects.filter(year=year).first()
        return render(request, self.template_name, {"form": NarrativeForm(instance=narrative), "year": year})

    def post(self, request, year):
        form = NarrativeForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "year": year})
        narrative_save(year=year, actor=request.user, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Narasi laporan tahun %(year)s disimpan.") % {"year": year})
        return redirect(f"{reverse('reports:report')}?periode={year}")


class DailyReportView(StaffPermissionRequiredMixin, TemplateView):
    """What one desk officer logged, handed over, and has due, on one day (seed 004)."""

    permission_required = "reports.view_daily_report"
    template_name = "reports/daily.html"

    def get_context_data(self, **kwargs):
        from .daily import daily_report, officers_visible_to

        calendar = OfficeCalendar()
        today = calendar.local_date(timezone.now())
        try:
            day = dt.date.fromisoformat(self.request.GET.get("tanggal", "")) if self.request.GET.get("tanggal") else today
        except ValueError:
            day = today
        officers = officers_visible_to(self.request.user)
        officer = self.request.user
        wanted = self.request.GET.get("petugas", "")
        if wanted:
            officer = officers.filter(pk=int(wanted)).first() if wanted.isascii() and wanted.isdigit() and len(wanted) < 12 else None
            if officer is None:
                raise PermissionDenied
        return super().get_context_data(
            day=day, officer=officer, officers=officers, report=daily_report(officer=officer, day=day, calendar=calendar), **kwargs
        )
