"""Rows of the table: the register exports and print at 100,000 requests, and the receipt PDF."""

import io
import os
import tempfile
import tracemalloc

import pytest
from django.urls import reverse

from ppid.models import User
from requests.exports import register_pdf_build, register_print_lines, register_xlsx_build
from requests.models import InformationRequest
from requests.selectors_register import RegisterFilters, register_rows

from . import bare
from .conftest import compare

pytestmark = pytest.mark.django_db
PRINT_DAYS = int(os.environ.get("PPID_BENCH_PRINT_DAYS", "30"))


@pytest.fixture
def staff(seeded):
    return User.objects.get(username="bench-ppid")


def _raw_sql(user):
    rows = register_rows(filters=RegisterFilters(), user=user).values_list(*bare.TABLE_COLUMNS[:15])
    return rows.query.sql_with_params()


def test_csv_export_of_the_whole_register(serve, staff):
    csv_url = reverse("requests:register-csv")
    sql, params = _raw_sql(staff)
    status, body = serve(csv_url, user=staff)
    lines = body.count(b"\n")
    assert status == 200 and lines > InformationRequest.objects.count()
    tracemalloc.start()
    size = serve(csv_url, user=staff, keep_body=False)[1]
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    compare(
        "register CSV export, whole register (streamed)",
        lambda: serve(csv_url, user=staff, keep_body=False), lambda: bare.raw_csv(sql, params),
        rounds=3, warmup=0, goal=5, mode="seconds",
        note="baseline: the register's SQL straight to csv.writer",
        extra={"rows": lines - 1, "megabytes": round(size / 1e6, 1), "peak_python_memory_mib": round(peak, 1)},
    )


def test_xlsx_export_of_the_whole_register(staff):
    sql, params = _raw_sql(staff)
    compare(
        "register XLSX export, whole register (background task's builder)",
        lambda: register_xlsx_build(owner=staff, params={}, output=tempfile.TemporaryFile(), progress=lambda done, total: None),
        lambda: bare.raw_xlsx(sql, params),
        rounds=2, warmup=0, goal=20, mode="seconds",
        note="baseline: the same SQL written by the same streaming writer, without typing or escaping",
    )


def test_register_print_of_a_month(staff):
    params = {"date_from": "2025-03-01", "date_to": f"2025-03-{PRINT_DAYS:02d}"}
    from requests.exports import filters_from_params

    lines = register_print_lines(register_rows(filters=filters_from_params(params), user=staff))
    compare(
        f"register print PDF of {PRINT_DAYS} days ({len(lines)} rows, background task's builder)",
        lambda: register_pdf_build(owner=staff, params=params, output=io.BytesIO(), progress=lambda done, total: None),
        lambda: bare.bare_register_pdf(lines),
        rounds=1, warmup=0, goal=30, mode="seconds",
        note="baseline: the same rows in a bare one-font WeasyPrint table",
        extra={"rows": len(lines)},
    )


def test_receipt_pdf_through_its_view_against_a_bare_document(serve, seeded):
    desk = User.objects.get(username="bench-meja")
    request = InformationRequest.objects.order_by("-received_at").first()
    receipt = reverse("requests:desk-receipt", args=[request.pk])
    status, body = serve(receipt, user=desk)
    assert status == 200 and body.startswith(b"%PDF")
    compare(
        "receipt PDF through its view vs bare one-page WeasyPrint document",
        lambda: serve(receipt, user=desk), lambda: serve("/bench/bare-receipt.pdf", user=desk),
        rounds=10, goal=1.5, mode="slowdown",
    )
    assert serve("/bench/bare-receipt-words.pdf", user=desk)[1].startswith(b"%PDF")
    compare(
        "receipt PDF through its view vs the same words and QR code as a bare document (what the portal adds)",
        lambda: serve(receipt, user=desk), lambda: serve("/bench/bare-receipt-words.pdf", user=desk),
        rounds=10, goal=1.5, mode="slowdown",
        note="baseline: every word of the receipt and its QR code, default styles, no tagging",
    )
