import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.urls import reverse

from ppid.pdf import render_pdf
from ppid.sequences import take_next_number
from ppid.workdays import OfficeCalendar, national_days

pytestmark = pytest.mark.django_db


def test_bench_working_day_engine(bench):
    calendar = OfficeCalendar()
    moment = dt.datetime(2026, 3, 11, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
    bench("workdays: receipt_date + add 10 (warm calendar)", lambda: calendar.add_working_days(calendar.receipt_date(moment), 10), repeat=500)
    bench("workdays: fresh OfficeCalendar, add 17 (1 query)", lambda: OfficeCalendar().add_working_days(dt.date(2026, 3, 11), 17), repeat=200)

    def cold_year():
        national_days.cache_clear()
        OfficeCalendar().is_working_day(dt.date(2026, 3, 11))

    bench("workdays: holiday table of a year, cold", cold_year, repeat=20)


def test_bench_register_numbers(bench):
    def take():
        with transaction.atomic():
            take_next_number(kind="request", year=2026)

    bench("sequences: take a register number (own transaction)", take, repeat=200)


def test_bench_calendar_page(bench, client_for):
    client = client_for("desk_officer")
    url = reverse("working-calendar") + "?received_on=2026-03-11&received_time=10:00"
    bench("page: kalender kerja with calculator", lambda: client.get(url), repeat=30)


def test_bench_one_page_pdf(bench, tmp_path, settings):
    template = tmp_path / "bench_receipt.html"
    template.write_text('{% extends "print/base.html" %}{% block content %}<h1>Tanda bukti</h1><p>0001/PPID/XI/2026</p>{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    render_pdf("bench_receipt.html")
    bench("pdf: one-page document (WeasyPrint)", lambda: render_pdf("bench_receipt.html"), repeat=10)
