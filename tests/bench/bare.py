"""The bare baselines: the simplest real Django views and WeasyPrint documents doing the same job.

A target is compared with these in the same run (tests/bench/conftest.compare), so the ratio
says what the portal adds on top of the stack itself.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines

from requests.models import InformationRequest

TEMPLATES = Path(__file__).parent / "templates"
# The register's columns read straight from the tables (no formatting, no subqueries).
TABLE_COLUMNS = (
    "register_number", "received_at", "requester__full_name", "requester__address", "requester__phone",
    "requester__occupation", "information_wanted", "purpose", "is_held", "obtain_method", "delivery_method",
    "decision", "copy_fee", "channel", "unit__name", "status", "notice_due", "receipt_date", "tracking_code",
)


def template(name):
    return engines["django"].from_string((TEMPLATES / name).read_text())


BARE_TABLE = template("bare_table.html")


@login_required
def bare_table(request):
    """A 50-row, 19-column table of the newest requests in a minimal template."""
    rows = InformationRequest.objects.order_by("-received_at", "-id").values_list(*TABLE_COLUMNS)[:50]
    return HttpResponse(BARE_TABLE.render({"labels": TABLE_COLUMNS, "rows": rows}))


def bare_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


BARE_RECEIPT = template("bare_receipt.html")


@login_required
def bare_receipt(request):
    """A one-page WeasyPrint document with one font, served by a view."""
    pdf = bare_pdf(BARE_RECEIPT.render({"number": "0001/PPID/XI/2026", "name": "Pemohon"}))
    return HttpResponse(pdf, content_type="application/pdf")


def bare_register_pdf(rows) -> bytes:
    """The same rows in a plain table, one font, no header, no page numbers."""
    return bare_pdf(template("bare_register.html").render({"rows": rows}))


def raw_csv(sql: str, params) -> int:
    """The SQL straight to CSV: the floor under any CSV export. Returns the bytes written."""
    out = io.StringIO()
    writer = csv.writer(out)
    size = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(2000):
            writer.writerows(chunk)
            size += out.tell()
            out.seek(0)
            out.truncate()
    return size
