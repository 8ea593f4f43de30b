"""Rows of the table: the monthly report page against the bare SQL of the aggregates it shows, and the
annual report PDF against its goal (issue 12). Objections, answers, disputes and survey answers are added
to the seeded requests here (idempotent), from the objections' model fields, as the reports read them."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection, transaction
from django.urls import reverse

from objections.models import Answer, Dispute, Objection, ObjectionGroundClaim
from ppid.models import User
from reports.definitions import FIGURES, figure_rows
from reports.durations import _durations_sql
from reports.models import SatisfactionSurvey
from reports.periods import month_period, year_period
from reports.scope import Scope
from reports.documents import report_pdf
from reports.figures import report_build
from requests.models import Decision, InformationRequest
from ppid.workdays import OfficeCalendar

from .conftest import compare
from .seed import NOW

pytestmark = pytest.mark.django_db
ROUNDS = 20
PREFIX = "BO"  # tracking codes of the bench's objections


def _objections_seed():
    """One objection per refused request (two for every tenth: grounds a and g), answered after 20 days
    (one in ten late); a dispute for every fifth; a survey answer for a third of the closed requests."""
    if Objection.objects.filter(tracking_code__startswith=PREFIX).exists():
        return
    random.seed(12)
    officer = User.objects.get(username="bench-ppid")
    refused = list(InformationRequest.objects.filter(tracking_code__startswith="B", decision=Decision.REFUSED)
                   .values_list("pk", "requester_id", "decided_at"))
    objections = []
    for index, (pk, requester_id, decided_at) in enumerate(refused):
        for copy in range(2 if index % 10 == 0 else 1):
            submitted = decided_at + dt.timedelta(days=5 + copy * 3)
            objections.append(Objection(
                tracking_code=f"{PREFIX}{index:08d}{copy}", request_id=pk, requester_id=requester_id, reasons="Penolakan",
                submitted_at=submitted, status=Objection.Status.ANSWERED, receipt_date=submitted.date(),
                answer_due=(submitted + dt.timedelta(days=42)).date(),
            ))
    with transaction.atomic():
        Objection.objects.bulk_create(objections, batch_size=1000)
        made = list(Objection.objects.filter(tracking_code__startswith=PREFIX).values_list("pk", "submitted_at", "tracking_code"))
        grounds, answers, disputes = [], [], []
        for pk, submitted, code in made:
            grounds.append(ObjectionGroundClaim(objection_id=pk, ground="a", ground_date=submitted.date(), window_closes=submitted.date()))
            if code.endswith("1"):
                grounds.append(ObjectionGroundClaim(objection_id=pk, ground="g", ground_date=submitted.date(), window_closes=submitted.date()))
            late = random.random() < 0.1
            answers.append(Answer(objection_id=pk, outcome=random.choice(Answer.Outcome.values), body="Jawaban", atasan_name="Atasan",
                                  atasan_position="Sekretaris Daerah", answered_by=officer,
                                  answered_at=submitted + dt.timedelta(days=50 if late else 20), is_late=late))
            if pk % 5 == 0:
                disputes.append(Dispute(objection_id=pk, filed_on=(submitted + dt.timedelta(days=30)).date(),
                                        stage=random.choice(Dispute.Stage.values)))
        ObjectionGroundClaim.objects.bulk_create(grounds, batch_size=1000)
        Answer.objects.bulk_create(answers, batch_size=1000)
        Dispute.objects.bulk_create(disputes, batch_size=1000)
        closed = InformationRequest.objects.filter(tracking_code__startswith="B", status=InformationRequest.Status.CLOSED)
        surveys = [
            SatisfactionSurvey(request_id=pk, rating=random.choice(("sangat_puas", "puas", "puas", "cukup_puas", "tidak_puas")),
                               source="online", answered_at=decided_at + dt.timedelta(days=12))
            for pk, decided_at in closed.values_list("pk", "decided_at") if pk % 3 == 0
        ]
        SatisfactionSurvey.objects.bulk_create(surveys, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"\nobjections seeded: {len(made)}, disputes {len(disputes)}, surveys {len(surveys)}")


@pytest.fixture(scope="session")
def reports_world(seeded, django_db_blocker):
    """The objections and survey answers, committed once for the whole run (like the seed)."""
    with django_db_blocker.unblock():
        _objections_seed()
        return User.objects.get(username="bench-ppid")


def _bare_sql(scope: Scope) -> list[tuple[str, list]]:
    """The SQL of every aggregate the report shows, compiled once: run through a bare cursor it is the
    database's share of the page (the baseline)."""
    from django.db.models import Count

    statements = []
    for figure in FIGURES:
        queryset = figure_rows(figure, scope).values("bucket").annotate(n=Count("pk")).order_by()
        sql, params = queryset.query.sql_with_params()
        statements.append((sql, list(params)))
    durations = _durations_sql(scope, OfficeCalendar())
    if durations:
        sql, params = durations
        if connection.vendor == "postgresql":
            tail = " SELECT COUNT(*), AVG(days), percentile_cont(0.5) WITHIN GROUP (ORDER BY days), percentile_cont(0.9) WITHIN GROUP (ORDER BY days), MAX(days) FROM d"
        else:
            tail = " SELECT days, COUNT(*), SUM(COUNT(*)) OVER (ORDER BY days) FROM d GROUP BY days ORDER BY days"
        statements.append((sql + tail, params))
    return statements


def _run_bare(statements):
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def test_monthly_report_page_against_the_bare_sql_aggregates(serve, reports_world):
    last_month = (NOW.date().replace(day=1) - dt.timedelta(days=1))
    period = month_period(last_month.year, last_month.month)
    scope = Scope(period)
    statements = _bare_sql(scope)
    url = reverse("reports:report")
    query = f"periode={period.code}"
    status, body = serve(url, user=reports_world, query=query)
    assert status == 200 and b"report-chart" in body
    report = report_build(scope)
    compare(
        f"monthly report page ({period.label}: {report.received_total} requests, {report.objections_total} objections) "
        "vs the bare SQL of its aggregates",
        lambda: serve(url, user=reports_world, query=query),
        lambda: _run_bare(statements),
        rounds=ROUNDS, goal=3.0, mode="slowdown",
    )


def test_annual_report_pdf_seconds(reports_world):
    year = NOW.year - 1
    scope = Scope(year_period(year))
    statements = _bare_sql(scope)
    report = report_build(scope)
    compare(
        f"annual report PDF {year} ({report.received_total} requests, {report.objections_total} objections), "
        "figures and layout; baseline: the bare SQL",
        lambda: report_pdf(report_build(scope), unit_name="Semua unit", now=NOW),
        lambda: _run_bare(statements),
        rounds=3, goal=10.0, mode="seconds",
    )
