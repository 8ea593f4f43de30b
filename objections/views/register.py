"""The buku register keberatan: filters, the CSV streamed, XLSX and print (PDF) built in the background."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.exports import csv_lines
from ppid.generated import generated_file_kind, params_of
from ppid.permissions import StaffPermissionRequiredMixin
from ppid.views_files import GeneratedFileRequestView, invalid_filters_refusal
from ppid.workdays import OfficeCalendar

from .. import register_files
from ..forms import RegisterFilterForm
from ..selectors_register import COLUMNS, RegisterFilters, register_queryset, register_rows, register_value_rows

# The page shows the newest rows up to this number; the exports carry every matching row.
REGISTER_PAGE_ROWS = 500


class RegisterMixin(StaffPermissionRequiredMixin):
    permission_required = "objections.view_objection_register"

    def filters(self) -> RegisterFilters:
        form = RegisterFilterForm(self.request.GET or None)
        self.form = form
        if not form.is_bound or not form.is_valid():
            return RegisterFilters()
        data = form.cleaned_data
        return RegisterFilters(
            date_from=data["date_from"], date_to=data["date_to"], ground=data["ground"], status=data["status"],
            overdue=data["overdue"], query=data["q"],
        )

    def rows(self, limit=REGISTER_PAGE_ROWS):
        today = OfficeCalendar().local_date(timezone.now())
        return register_rows(user=self.request.user, filters=self.filters(), today=today, limit=limit)


class RegisterListView(RegisterMixin, TemplateView):
    template_name = "objections/register.html"

    def get_context_data(self, **kwargs):
        rows = self.rows()
        return {
            **super().get_context_data(**kwargs),
            "form": self.form,
            "columns": COLUMNS,
            "rows": rows,
            "page_rows": REGISTER_PAGE_ROWS,
            "querystring": self.request.GET.urlencode(),
        }


class RegisterCsvView(RegisterMixin, View):
    """Every matching row, streamed (constant memory whatever the number of objections)."""

    def get(self, request):
        today = OfficeCalendar().local_date(timezone.now())
        rows = register_value_rows(register_queryset(user=request.user, filters=self.filters(), today=today))
        response = StreamingHttpResponse(csv_lines(COLUMNS, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="register-keberatan.csv"'
        return response


class RegisterFileView(RegisterMixin, GeneratedFileRequestView):
    """GET: what will be made from the register's current filters, with a button; POST: queue it."""

    def job(self) -> tuple[str, dict]:
        filters = self.filters()
        params = {**params_of(filters), "language": self.request.LANGUAGE_CODE}
        return str(generated_file_kind(self.kind).label), params

    def back_url(self) -> str:
        return f"{reverse('objections:register')}?{self.request.GET.urlencode()}"

    def refusal(self) -> str:
        self.filters()
        return invalid_filters_refusal(self.form)


class RegisterXlsxView(RegisterFileView):
    kind = register_files.REGISTER_XLSX


class RegisterPdfView(RegisterFileView):
    """The printed register, refused above PRINT_MAX_ROWS rows (a period to shorten, said before anything is made)."""

    kind = register_files.REGISTER_PDF

    def refusal(self) -> str:
        reason = super().refusal()
        if reason:
            return reason
        today = OfficeCalendar().local_date(timezone.now())
        objections = register_queryset(user=self.request.user, filters=self.filters(), today=today)
        if objections.values("pk").order_by()[: register_files.PRINT_MAX_ROWS + 1].count() > register_files.PRINT_MAX_ROWS:
            return _("Register ini memuat lebih dari %(max)s keberatan. Persempit saringannya, misalnya periodenya.") % {
                "max": register_files.PRINT_MAX_ROWS
            }
        return ""
