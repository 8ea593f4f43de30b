"""The buku register keberatan: filters, CSV and XLSX export, print (PDF)."""

from __future__ import annotations

import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from ppid.exports import XlsxSheetWriter, csv_lines
from ppid.pdf import pdf_response
from ppid.permissions import StaffPermissionRequiredMixin
from ppid.workdays import OfficeCalendar

from ..forms import RegisterFilterForm
from ..selectors_register import COLUMNS, RegisterFilters, register_rows
from ..services.documents import register_render

# A printed or exported register beyond this many rows is asked for a shorter period.
REGISTER_MAX_ROWS = 2000


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

    def rows(self, limit=REGISTER_MAX_ROWS):
        today = OfficeCalendar().local_date(timezone.now())
        return register_rows(user=self.request.user, filters=self.filters(), today=today, limit=limit)


class RegisterListView(RegisterMixin, TemplateView):
    template_name = "objections/register.html"

    def get_context_data(self, **kwargs):
        rows = self.rows(limit=500)
        return {
            **super().get_context_data(**kwargs),
            "form": self.form,
            "columns": COLUMNS,
            "rows": rows,
            "querystring": self.request.GET.urlencode(),
        }


class RegisterCsvView(RegisterMixin, View):
    def get(self, request):
        rows = (values for _objection, values in self.rows())
        response = StreamingHttpResponse(csv_lines(COLUMNS, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="register-keberatan.csv"'
        return response


class RegisterXlsxView(RegisterMixin, View):
    def get(self, request):
        output = io.BytesIO()
        writer = XlsxSheetWriter(output, "Register keberatan", COLUMNS)
        for _objection, values in self.rows():
            writer.append(values)
        writer.close()
        response = HttpResponse(
            output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="register-keberatan.xlsx"'
        return response


class RegisterPdfView(RegisterMixin, View):
    def get(self, request):
        rows = [values for _objection, values in self.rows()]
        filters = self.filters()
        values = [[v.strftime("%d-%m-%Y") if hasattr(v, "strftime") else v for v in row] for row in rows]
        pdf = register_render(header=[str(c) for c in COLUMNS], rows=values, filters_text=filters.describe())
        return pdf_response(pdf, "register-keberatan.pdf")
