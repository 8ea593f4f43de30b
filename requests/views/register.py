"""The request register (buku register permohonan): list with filters, CSV/XLSX export, PDF print per period."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ppid.pdf import pdf_response, render_pdf
from ppid.permissions import StaffPermissionRequiredMixin
from ppid.workdays import OfficeCalendar

from .. import selectors
from ..forms import RegisterFilterForm
from ..models import Channel, Decision, InformationRequest, ObtainMethod

PAGE_SIZE = 50
# A printed register covers one period; longer prints belong in a background job.
REGISTER_PRINT_MAX_ROWS = 250
EXPORT_CHUNK = 2000

# The columns of the register (domain: "Records the office keeps and prints"), then the office's own.
COLUMNS = (
    ("register_number", gettext_lazy("Nomor register")),
    ("received_on", gettext_lazy("Tanggal")),
    ("requester_name", gettext_lazy("Nama pemohon")),
    ("address", gettext_lazy("Alamat")),
    ("contact", gettext_lazy("Kontak")),
    ("occupation", gettext_lazy("Pekerjaan")),
    ("information_wanted", gettext_lazy("Informasi yang diminta")),
    ("purpose", gettext_lazy("Tujuan penggunaan")),
    ("held", gettext_lazy("Dikuasai / tidak dikuasai")),
    ("copy_kind", gettext_lazy("Softcopy / hardcopy")),
    ("access_kind", gettext_lazy("Melihat / mendapatkan salinan")),
    ("decision", gettext_lazy("Keputusan")),
    ("refusal_reason", gettext_lazy("Alasan penolakan")),
    ("notice_date", gettext_lazy("Tanggal pemberitahuan tertulis")),
    ("fee", gettext_lazy("Biaya (Rp)")),
    ("channel", gettext_lazy("Saluran")),
    ("unit", gettext_lazy("Unit")),
    ("status", gettext_lazy("Status")),
    ("notice_due", gettext_lazy("Batas pemberitahuan")),
)
DATE_COLUMNS = frozenset({"received_on", "notice_date", "notice_due"})
CHANNEL_LABELS = dict(Channel.choices)
DECISION_LABELS = dict(Decision.choices)
STATUS_LABELS = dict(InformationRequest.Status.choices)


def register_record(row: InformationRequest, calendar: OfficeCalendar) -> dict:
    """One row as typed values (dates stay dates; the list, the exports and the print format them)."""
    requester = row.requester
    copy_kind = {ObtainMethod.SOFT_COPY: _("Softcopy"), ObtainMethod.HARD_COPY: _("Hardcopy")}.get(row.obtain_method, "")
    held = {True: _("Dikuasai"), False: _("Tidak dikuasai")}.get(row.is_held, "")
    return {
        "register_number": row.register_number,
        "received_on": calendar.local_date(row.received_at),
        "requester_name": requester.display_name,
        "address": requester.address,
        "contact": " / ".join(part for part in (requester.phone, requester.email) if part),
        "occupation": requester.occupation,
        "information_wanted": row.information_wanted,
        "purpose": row.purpose,
        "held": held,
        "copy_kind": copy_kind,
        "access_kind": _("Melihat") if row.obtain_method == ObtainMethod.VIEW else _("Mendapatkan salinan"),
        "decision": str(DECISION_LABELS.get(row.decision, "")),
        "refusal_reason": selectors.register_refusal_reason(row),
        "notice_date": calendar.local_date(row.notice_issued_at) if row.notice_issued_at else None,
        "fee": int(row.copy_fee or 0),
        "channel": str(CHANNEL_LABELS.get(row.channel, row.channel)),
        "unit": row.unit.name,
        "status": str(STATUS_LABELS.get(row.status, row.status)),
        "notice_due": row.notice_due,
    }


def display(value, key):
    if value is None:
        return ""
    if key in DATE_COLUMNS:
        return formats.date_format(value, "d-m-Y")
    return value


def filters_from(form: RegisterFilterForm) -> selectors.RegisterFilters:
    if not form.is_valid():
        return selectors.RegisterFilters()
    data = form.cleaned_data
    return selectors.RegisterFilters(
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

    def rows(self, form):
        return selectors.register_rows(filters=filters_from(form), user=self.request.user)

    def querystring(self, *, without=("page",)):
        query = self.request.GET.copy()
        for key in without:
            query.pop(key, None)
        return query.urlencode()


class RegisterListView(RegisterMixin, TemplateView):
    template_name = "requests/register/list.html"

    def get_context_data(self, **kwargs):
        form = self.filter_form()
        page = Paginator(self.rows(form), PAGE_SIZE).get_page(self.request.GET.get("page"))
        calendar = OfficeCalendar()
        today = calendar.local_date(timezone.now())
        awaiting = set(InformationRequest.AWAITING_NOTICE_STATUSES)
        lines = []
        for row in page.object_list:
            record = register_record(row, calendar)
            lines.append(
                {
                    "pk": row.pk,
                    "cells": [(key, display(record[key], key)) for key, _label in COLUMNS],
                    "overdue": row.status in awaiting and row.notice_due is not None and row.notice_due < today,
                }
            )
        return super().get_context_data(
            form=form,
            page=page,
            lines=lines,
            columns=COLUMNS,
            querystring=self.querystring(),
            print_max_rows=REGISTER_PRINT_MAX_ROWS,
            **kwargs,
        )


class _Echo:
    def write(self, value):
        return value


def _export_name(extension: str) -> str:
    return f"buku-register-permohonan-{timezone.localdate():%Y%m%d}.{extension}"


class RegisterCsvView(RegisterMixin, View):
    def get(self, request):
        rows = self.rows(self.filter_form())
        calendar = OfficeCalendar()
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
            yield writer.writerow([str(label) for _key, label in COLUMNS])
            for row in rows.iterator(chunk_size=EXPORT_CHUNK):
                record = register_record(row, calendar)
                yield writer.writerow([_csv_value(record[key]) for key, _label in COLUMNS])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
        response["Cache-Control"] = "private, no-store"
        return response


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class RegisterXlsxView(RegisterMixin, View):
    def get(self, request):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        rows = self.rows(self.filter_form())
        calendar = OfficeCalendar()
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Register permohonan"))
        bold = Font(bold=True)
        header = []
        for _key, label in COLUMNS:
            cell = WriteOnlyCell(sheet, value=str(label))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows.iterator(chunk_size=EXPORT_CHUNK):
            record = register_record(row, calendar)
            sheet.append([record[key] if record[key] is not None else "" for key, _label in COLUMNS])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{_export_name("xlsx")}"'
        response["Cache-Control"] = "private, no-store"
        return response


class RegisterPdfView(RegisterMixin, View):
    """The printed register for one period, capped; a longer period is refused with the reason."""

    def get(self, request):
        form = self.filter_form()
        back = f"{reverse('requests:register')}?{self.querystring()}"
        if not form.is_valid() or not (form.cleaned_data["date_from"] and form.cleaned_data["date_to"]):
            messages.error(request, _("Untuk mencetak, pilih periode: tanggal awal dan tanggal akhir."))
            return redirect(back)
        rows = self.rows(form)
        total = rows.count()
        if total > REGISTER_PRINT_MAX_ROWS:
            messages.error(
                request,
                _("Periode ini memuat %(total)s permohonan; cetakan dibatasi %(max)s baris. Perpendek periodenya.")
                % {"total": total, "max": REGISTER_PRINT_MAX_ROWS},
            )
            return redirect(back)
        calendar = OfficeCalendar()
        lines = []
        for row in rows.order_by("received_at", "id"):
            record = register_record(row, calendar)
            lines.append([display(record[key], key) for key, _label in COLUMNS[:15]])
        pdf = render_pdf(
            "requests/print/register.html",
            {
                "columns": COLUMNS[:15],
                "lines": lines,
                "date_from": form.cleaned_data["date_from"],
                "date_to": form.cleaned_data["date_to"],
                "printed_at": timezone.now(),
            },
            request=request,
        )
        name = f"buku-register-permohonan-{form.cleaned_data['date_from']:%Y%m%d}-{form.cleaned_data['date_to']:%Y%m%d}.pdf"
        return pdf_response(pdf, name)
