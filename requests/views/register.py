"""The request register (buku register permohonan): keyset pages with filters, the CSV streamed,
the XLSX and the printed register of a period built in the background (ppid.generated)."""

from __future__ import annotations

from html import escape

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.generated import params_of
from ppid.permissions import StaffPermissionRequiredMixin
from ppid.views_files import GeneratedFileRequestView, invalid_filters_refusal
from ppid.workdays import OfficeCalendar

from .. import exports
from ..forms import RegisterFilterForm
from ..models import InformationRequest
from ..selectors_register import COLUMNS, RegisterFilters, register_page

REGISTER_PRINT_MAX_ROWS = exports.REGISTER_PRINT_MAX_ROWS


def filters_from(form: RegisterFilterForm) -> RegisterFilters:
    if not form.is_valid():
        return RegisterFilters()
    data = form.cleaned_data
    return RegisterFilters(
        date_from=data["date_from"],
        date_to=data["date_to"],
        unit_id=data["unit"].pk if data["unit"] else None,
        channel=data["channel"],
        status=data["status"],
        overdue=data["overdue"],
        query=data["q"],
    )


class RegisterMixin(StaffPermissionRequiredMixin):
    permission_required = "requests.view_register"

    def filter_form(self):
        return RegisterFilterForm(self.request.GET or None)

    def querystring(self, *, without=("sesudah", "sebelum")):
        query = self.request.GET.copy()
        for key in without:
            query.pop(key, None)
        return query.urlencode()


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return escape(str(value), quote=False)


def register_line_html(row, *, detail_url: str, overdue_badge: str) -> str:
    """One row of the table as HTML: every value escaped here, so the template renders a row, not 19 cells."""
    values = row.values
    first = _cell(values[0])
    if detail_url:
        first = f'<a href="{detail_url}{row.id}/">{first}</a>'
    cells = "".join(f"<td>{_cell(value)}</td>" for value in values[1:])
    return mark_safe(f'<th scope="row">{first}{overdue_badge}</th>{cells}')


class RegisterListView(RegisterMixin, TemplateView):
    template_name = "requests/register/list.html"

    def get_context_data(self, **kwargs):
        form = self.filter_form()
        now = timezone.now()
        page = register_page(
            filters=filters_from(form),
            user=self.request.user,
            after=self.request.GET.get("sesudah", ""),
            before=self.request.GET.get("sebelum", ""),
            now=now,
        )
        today = OfficeCalendar().local_date(now)
        awaiting = InformationRequest.AWAITING_NOTICE_STATUSES
        detail_url = reverse("requests:desk-detail", args=[0])[:-2] if self.request.user.has_perm("requests.intake_request") else ""
        badge = f' <span class="badge text-bg-danger">{escape(_("lewat batas"))}</span>'
        lines = []
        for row in page.rows:
            due = row.values[18]
            overdue = row.status in awaiting and due is not None and due < today
            lines.append((overdue, register_line_html(row, detail_url=detail_url, overdue_badge=badge if overdue else "")))
        return super().get_context_data(
            form=form,
            page=page,
            lines=lines,
            columns=COLUMNS,
            querystring=self.querystring(),
            **kwargs,
        )


class RegisterCsvView(RegisterMixin, View):
    """The CSV, streamed row by row from a server-side cursor: constant memory at any size."""

    def get(self, request):
        now = timezone.now()
        lines = exports.register_csv_lines(filters=filters_from(self.filter_form()), user=request.user, now=now)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exports.export_name("csv", now)}"'
        response["Cache-Control"] = "private, no-store"
        return response


class RegisterBackgroundView(RegisterMixin, GeneratedFileRequestView):
    """GET: what will be made from the register's filters, with a button; POST: queue it (ppid.views_files)."""

    def title(self, filters: RegisterFilters) -> str:
        raise NotImplementedError

    def job(self) -> tuple[str, dict]:
        filters = filters_from(self.filter_form())
        return self.title(filters), {**params_of(filters), "language": self.request.LANGUAGE_CODE}

    def back_url(self) -> str:
        return f"{reverse('requests:register')}?{self.querystring()}"

    def refusal(self) -> str:
        form = self.filter_form()
        return invalid_filters_refusal(form) or self.period_refusal(form)

    def period_refusal(self, form) -> str:
        return ""


class RegisterXlsxView(RegisterBackgroundView):
    kind = exports.REGISTER_XLSX

    def title(self, filters):
        return _("Ekspor XLSX buku register permohonan")


class RegisterPdfView(RegisterBackgroundView):
    """The printed register of one period, capped at REGISTER_PRINT_MAX_ROWS rows."""

    kind = exports.REGISTER_PDF

    def title(self, filters):
        if filters.date_from and filters.date_to:
            return _("Cetakan buku register %(start)s s.d. %(end)s") % {
                "start": filters.date_from.strftime("%d-%m-%Y"), "end": filters.date_to.strftime("%d-%m-%Y"),
            }
        return _("Cetakan buku register permohonan")

    def period_refusal(self, form) -> str:
        if not form.is_valid() or not (form.cleaned_data["date_from"] and form.cleaned_data["date_to"]):
            return _("Untuk mencetak, pilih periode: tanggal awal dan tanggal akhir.")
        rows = exports.register_rows(filters=filters_from(form), user=self.request.user)
        total = rows.values("pk").order_by()[: REGISTER_PRINT_MAX_ROWS + 1].count()
        if total > REGISTER_PRINT_MAX_ROWS:
            return _("Periode ini memuat lebih dari %(max)s permohonan. Perpendek periodenya.") % {"max": REGISTER_PRINT_MAX_ROWS}
        return ""
