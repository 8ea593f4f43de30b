"""Every figure of the report against the hand-counted month of tests/reports/factories.py (October 2025).

The same tests run on SQLite and, in the CI pass with DATABASE_URL set, on PostgreSQL; the test
marked ``postgres`` also checks that the SQLite method of the percentiles gives PostgreSQL's numbers.
"""

import datetime as dt

import pytest
from django.db import connection

from reports.definitions import FIGURES_BY_KEY, bucket_value_parse, requests_behind
from reports.durations import histogram_stats, notice_duration_stats, working_day_ordinals
from reports.figures import report_build
from reports.periods import month_period, period_parse
from reports.scope import Scope
from tests.reports.factories import october_world

pytestmark = pytest.mark.django_db
OCTOBER = month_period(2025, 10)


@pytest.fixture
def world(office, make_user):
    user = make_user("ppid", unit=office["main"])
    return {"requests": october_world(office, user), "office": office, "user": user}


def counts(report, key):
    return {line.value: line.count for line in report[key].lines if line.count}


def test_requests_received_in_the_month_by_channel_unit_kind_and_month(world):
    report = report_build(Scope(OCTOBER))
    assert report.received_total == 8  # R1-R7 and R9; R8 is September's, R10 November's (local date), the incomplete one unregistered
    assert counts(report, "channel") == {"online": 4, "walk_in": 1, "email": 1, "phone": 1, "letter": 1}
    office = world["office"]
    assert counts(report, "unit") == {office["main"].pk: 6, office["health"].pk: 2}
    assert counts(report, "requester_kind") == {"person": 6, "legal_entity": 1, "community_group": 1}
    assert counts(report, "month") == {dt.date(2025, 10, 1): 8}


def test_outcomes_count_withdrawals_and_requests_still_pending(world):
    report = report_build(Scope(OCTOBER))
    assert counts(report, "outcome") == {"granted": 3, "partly_granted": 1, "refused": 1, "withdrawn": 1, "pending": 2}


def test_time_to_written_notice_in_working_days_with_on_time_extended_and_late_shares(world):
    report = report_build(Scope(OCTOBER))
    assert counts(report, "timeliness") == {"on_time": 3, "extended": 1, "late": 1}
    assert [line.share for line in report["timeliness"].lines] == [60.0, 20.0, 20.0]
    # Durations 5, 10, 16, 12 and 4 working days (R7 crosses into November).
    stats = report.durations
    assert (stats.count, stats.mean, stats.median, stats.p90, stats.maximum) == (5, 9.4, 10.0, 14.4, 16)


def test_refusals_by_pasal_17_letter(world):
    assert counts(report_build(Scope(OCTOBER)), "refusal") == {"h": 1, "a": 1}


def test_open_items_at_the_period_end_exclude_withdrawn_and_include_requests_decided_later(world):
    # R6, R7 (decided in November), R9 within their due dates; R8 (September) overdue; R5 withdrawn in October.
    assert counts(report_build(Scope(OCTOBER)), "open") == {"within": 3, "overdue": 1}


def test_objections_by_ground_and_outcome_and_the_atasan_answers_on_time(world):
    report = report_build(Scope(OCTOBER))
    assert report.objections_total == 3
    assert counts(report, "objection_ground") == {"a": 2, "g": 2}  # O1 on two grounds counts under each
    assert counts(report, "objection_outcome") == {"rejected": 1, "upheld": 1, "pending": 1}
    assert counts(report, "atasan_timeliness") == {"on_time": 1, "late": 1, "pending": 1}
    # Open at the end of October: O2 (due 8 December); O3 was answered on 31 October, O1 on 27 October.
    assert counts(report, "objection_open") == {"within": 1}
    assert counts(report_build(Scope(month_period(2025, 9))), "objection_open") == {}


def test_disputes_filed_in_the_period_by_stage_and_outcome(world):
    report = report_build(Scope(OCTOBER))
    assert counts(report, "dispute_stage") == {"mediation": 1}
    assert counts(report, "dispute_outcome") == {"": 1}
    september = report_build(Scope(month_period(2025, 9)))
    assert counts(september, "dispute_outcome") == {"Dikabulkan": 1}


def test_satisfaction_answers_given_in_the_period(world):
    assert counts(report_build(Scope(OCTOBER)), "satisfaction") == {"sangat_puas": 1, "tidak_puas": 1}


def test_unit_filter_counts_only_that_units_requests(world):
    report = report_build(Scope(OCTOBER, unit_id=world["office"]["health"].pk))
    assert report.received_total == 2
    assert counts(report, "timeliness") == {"on_time": 1, "extended": 1}
    assert report.durations.count == 2 and report.durations.mean == 10.0
    assert report.objections_total == 0


def test_the_request_with_two_objections_is_one_request_behind_two_counts(world):
    r = world["requests"]
    scope = Scope(OCTOBER)
    figure = FIGURES_BY_KEY["objection_ground"]
    behind = set(requests_behind(figure, scope, "a").values_list(figure.request_path, flat=True))
    assert behind == {r[2].pk}


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("channel", "online", [1, 6, 7, 9]),
        ("outcome", "pending", [6, 9]),
        ("timeliness", "late", [4]),
        ("open", "overdue", [8]),
        ("open", "within", [6, 7, 9]),
        ("refusal", "a", [3]),
        ("objection_outcome", "pending", [2]),
        ("atasan_timeliness", "late", [4]),
        ("satisfaction", "tidak_puas", [2]),
        ("month", "2025-10", [1, 2, 3, 4, 5, 6, 7, 9]),
    ],
)
def test_every_count_has_the_list_of_requests_behind_it(world, key, value, expected):
    from requests.models import InformationRequest

    r = world["requests"]
    figure = FIGURES_BY_KEY[key]
    ids = InformationRequest.objects.filter(pk__in=requests_behind(figure, Scope(OCTOBER), bucket_value_parse(figure, value)))
    assert sorted(ids.values_list("pk", flat=True)) == sorted(r[n].pk for n in expected)


def test_report_queries_do_not_grow_with_the_rows(office, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ppid.workdays import OfficeCalendar

    calendar = OfficeCalendar()
    calendar.is_working_day(OCTOBER.start)  # the calendar's own snapshot query, once
    october_world(office, make_user("ppid", unit=office["main"]))
    with CaptureQueriesContext(connection) as few:
        report_build(Scope(month_period(2025, 9)), calendar=calendar)  # R8 only
    with CaptureQueriesContext(connection) as many:
        report_build(Scope(OCTOBER), calendar=calendar)
    assert len(many) == len(few) <= 20


def test_working_day_ordinals_agree_with_the_engine():
    from ppid.workdays import OfficeCalendar

    calendar = OfficeCalendar()
    start, end = dt.date(2026, 3, 1), dt.date(2026, 4, 30)
    ordinals = dict(working_day_ordinals(start, end, calendar))
    # The domain brief's check: received Wednesday 11 March 2026, due 1 April 2026 (10 working days).
    assert ordinals[dt.date(2026, 4, 1)] - ordinals[dt.date(2026, 3, 11)] == 10
    for day in (dt.date(2026, 3, 13), dt.date(2026, 3, 25), dt.date(2026, 4, 20)):
        assert ordinals[day] - ordinals[dt.date(2026, 3, 2)] == calendar.working_days_between(dt.date(2026, 3, 2), day)


def test_histogram_percentiles_interpolate_as_percentile_cont():
    # Durations 4, 5, 10, 12, 16: median 10, p90 at position 3.6 = 12 + 0.6 x 4.
    stats = histogram_stats([(4, 1, 1), (5, 1, 2), (10, 1, 3), (12, 1, 4), (16, 1, 5)])
    assert (stats.median, round(stats.p90, 2), stats.mean) == (10, 14.4, 9.4)
    assert histogram_stats([(3, 2, 2)]).median == 3


def test_period_codes_parse_and_refuse_nonsense():
    assert period_parse("2025-10") == OCTOBER
    assert period_parse("2025-T4").start == dt.date(2025, 10, 1) and period_parse("2025-T4").end == dt.date(2025, 12, 31)
    assert period_parse("2025").end == dt.date(2025, 12, 31)
    assert period_parse("2025-10-05..2025-11-02").kind == "custom"
    for bad in ("2025-13", "2025-11-02..2025-10-05", "x", "2025-02-30..2025-03-01", "１２３４", "1999"):
        assert period_parse(bad) is None


@pytest.mark.postgres
def test_postgresql_percentiles_equal_the_sqlite_method_on_the_same_fixture(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    scope = Scope(OCTOBER)
    assert notice_duration_stats(scope, method="percentile") == notice_duration_stats(scope, method="histogram")
    assert notice_duration_stats(scope) == notice_duration_stats(scope, method="histogram")
