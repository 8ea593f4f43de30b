"""The per-process calendar snapshot: checked against the database stamp once per unit of work,
and never stale, whoever changes the calendar and from where."""

import datetime as dt
import multiprocessing

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid import calendar_cache
from ppid.calendar_cache import read_stamp
from ppid.stamps import stamp_scope
from ppid.models import CalendarOverride
from ppid.workdays import OfficeCalendar

DAY = dt.date(2026, 8, 18)  # a Tuesday, normally a working day
RECEIVED = dt.date(2026, 8, 3)


@pytest.mark.django_db
def test_every_write_to_the_calendar_changes_the_stamp_even_raw_sql():
    first = read_stamp()
    override = CalendarOverride.objects.create(date=DAY, is_working_day=False, reason="Libur daerah")
    second = read_stamp()
    with connection.cursor() as cursor:  # as another program would: no ORM, no signal
        cursor.execute("UPDATE ppid_servicehours SET closes_at = '15:00:00' WHERE weekday = 2")
    third = read_stamp()
    override.delete()
    assert len({first, second, third, read_stamp()}) == 4


@pytest.mark.django_db
def test_a_scope_checks_the_stamp_once_then_counts_without_queries():
    with stamp_scope():
        with CaptureQueriesContext(connection) as first_use:
            OfficeCalendar().add_working_days(RECEIVED, 10)
        with CaptureQueriesContext(connection) as later_uses:
            for _ in range(20):
                OfficeCalendar().add_working_days(RECEIVED, 10)
                OfficeCalendar().receipt_date(dt.datetime(2026, 8, 3, 9, tzinfo=dt.timezone.utc))
    assert 1 <= len(first_use) <= 3  # the stamp, then the data if it changed
    assert len(later_uses) == 0


@pytest.mark.django_db
def test_a_change_written_behind_the_cache_is_seen_by_the_next_scope():
    with stamp_scope():
        assert OfficeCalendar().add_working_days(RECEIVED, 10) == DAY
    with connection.cursor() as cursor:  # bypasses ppid.services: only the trigger knows
        cursor.execute(
            "INSERT INTO ppid_calendaroverride (date, is_working_day, reason, created_at) VALUES (%s, %s, %s, %s)",
            [DAY, False, "Libur daerah", dt.datetime(2026, 8, 1, tzinfo=dt.timezone.utc)],
        )
    with stamp_scope():
        assert OfficeCalendar().add_working_days(RECEIVED, 10) == dt.date(2026, 8, 19)


@pytest.mark.django_db
def test_a_change_through_the_service_is_seen_at_once_inside_the_same_request_scope():
    from ppid.services import calendar_override_set

    with stamp_scope():
        assert OfficeCalendar().add_working_days(RECEIVED, 10) == DAY
        calendar_override_set(day=DAY, is_working_day=False, reason="Libur daerah")
        assert OfficeCalendar().add_working_days(RECEIVED, 10) == dt.date(2026, 8, 19)


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_stale_snapshot():
    from django.db import transaction

    with stamp_scope():
        OfficeCalendar().is_working_day(DAY)
    with pytest.raises(RuntimeError), transaction.atomic():
        CalendarOverride.objects.create(date=DAY, is_working_day=False, reason="dibatalkan")
        with stamp_scope():
            assert not OfficeCalendar().is_working_day(DAY)
        raise RuntimeError
    with stamp_scope():
        assert OfficeCalendar().is_working_day(DAY)


@pytest.mark.django_db
def test_an_http_request_checks_the_stamp_at_most_once(client_for):
    client = client_for("desk_officer")
    url = reverse("working-calendar") + "?received_on=2026-03-11&received_time=10:00"
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    stamp_reads = [q for q in captured if "ppid_calendarstamp" in q["sql"]]
    assert len(stamp_reads) == 1
    assert not [q for q in captured if "ppid_calendaroverride" in q["sql"]]


def _add_closure_in_another_process(day_iso, done):
    """Runs in a forked child: its own database connection, its own commit."""
    connections.close_all()
    CalendarOverride.objects.create(date=dt.date.fromisoformat(day_iso), is_working_day=False, reason="dari proses lain")
    connections.close_all()
    done.set()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_calendar_change_made_in_another_process_is_seen_by_this_one():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): the SQLite test database lives in this process's memory")
    with stamp_scope():
        assert OfficeCalendar().add_working_days(RECEIVED, 10) == DAY
    warm = calendar_cache.CACHE.snapshot
    assert warm is not None
    connections.close_all()  # the child must not share this process's connection
    context = multiprocessing.get_context("fork")
    done = context.Event()
    child = context.Process(target=_add_closure_in_another_process, args=(DAY.isoformat(), done))
    child.start()
    child.join(60)
    assert child.exitcode == 0 and done.is_set()
    assert calendar_cache.CACHE.snapshot is warm  # nothing told this process directly
    with stamp_scope():
        assert OfficeCalendar().add_working_days(RECEIVED, 10) == dt.date(2026, 8, 19)
    assert calendar_cache.CACHE.snapshot is not warm
