import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from hypothesis import given, settings as hypothesis_settings, strategies as st

from ppid.models import CalendarOverride, ServiceHours
from ppid.workdays import DaySource, OfficeCalendar, add_working_days, is_working_day, receipt_date

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
UTC = dt.timezone.utc

pytestmark = pytest.mark.django_db


def at(year, month, day, hour, minute=0, tz=WIB):
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


def test_request_received_wednesday_11_march_2026_is_due_1_april():
    received = receipt_date(at(2026, 3, 11, 10))
    assert received == dt.date(2026, 3, 11)
    assert add_working_days(received, 10) == dt.date(2026, 4, 1)


def test_nyepi_idul_fitri_and_cuti_bersama_are_not_working_days():
    calendar = OfficeCalendar()
    assert calendar.status(dt.date(2026, 3, 19)).source == DaySource.NATIONAL_HOLIDAY
    for day in (18, 20, 23, 24):
        assert calendar.status(dt.date(2026, 3, day)).source == DaySource.CUTI_BERSAMA
    assert calendar.is_working_day(dt.date(2026, 3, 17))


def test_day_zero_is_never_moved_even_when_it_is_a_holiday():
    # Counting from a Sunday: the first working day after it is Monday.
    assert add_working_days(dt.date(2026, 3, 1), 1) == dt.date(2026, 3, 2)
    assert add_working_days(dt.date(2026, 3, 1), 0) == dt.date(2026, 3, 1)


def test_friday_closes_later_than_thursday():
    assert receipt_date(at(2026, 3, 6, 16, 15)) == dt.date(2026, 3, 6)  # Friday, open until 16:30
    assert receipt_date(at(2026, 3, 5, 16, 15)) == dt.date(2026, 3, 6)  # Thursday, closed at 16:00


def test_receipt_at_closing_time_counts_as_next_working_day():
    assert receipt_date(at(2026, 3, 4, 15, 59)) == dt.date(2026, 3, 4)
    assert receipt_date(at(2026, 3, 4, 16, 0)) == dt.date(2026, 3, 5)
    assert receipt_date(at(2026, 3, 6, 16, 30)) == dt.date(2026, 3, 9)  # Friday at closing: Monday


def test_receipt_before_opening_counts_as_that_day():
    assert receipt_date(at(2026, 3, 4, 6, 0)) == dt.date(2026, 3, 4)


def test_receipt_at_0530_wib_is_that_local_day_not_the_previous_utc_day():
    moment = at(2026, 3, 10, 5, 30)
    assert moment.astimezone(UTC).date() == dt.date(2026, 3, 9)
    assert receipt_date(moment) == dt.date(2026, 3, 10)


def test_receipt_on_weekend_or_holiday_rolls_to_next_working_day():
    assert receipt_date(at(2026, 3, 7, 10)) == dt.date(2026, 3, 9)  # Saturday -> Monday
    assert receipt_date(at(2026, 3, 18, 9)) == dt.date(2026, 3, 25)  # cuti bersama week -> Wednesday 25th


def test_service_hours_are_read_from_the_database():
    ServiceHours.objects.filter(weekday=2).update(closes_at=dt.time(15, 0))
    assert receipt_date(at(2026, 3, 4, 15, 30)) == dt.date(2026, 3, 5)


@override_settings(TIME_ZONE="Asia/Makassar")
def test_wita_office_uses_its_own_closing_time():
    # 15:30 WIB is 16:30 WITA: after closing in a WITA office.
    moment = at(2026, 3, 4, 15, 30, tz=WIB)
    assert receipt_date(moment) == dt.date(2026, 3, 5)
    assert receipt_date(at(2026, 3, 4, 15, 30, tz=WITA)) == dt.date(2026, 3, 4)


@override_settings(TIME_ZONE="Asia/Jayapura")
def test_wit_office_counts_a_utc_evening_as_the_next_local_morning():
    # 23:30 UTC on Tuesday is 08:30 WIT on Wednesday.
    moment = dt.datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
    assert receipt_date(moment) == dt.date(2026, 3, 4)
    assert receipt_date(at(2026, 3, 4, 16, 5, tz=WIT)) == dt.date(2026, 3, 5)


def test_cuti_bersama_can_be_counted_as_working_by_setting():
    with override_settings(PPID_CUTI_BERSAMA_IS_WORKING_DAY=True):
        assert is_working_day(dt.date(2026, 3, 18))
        assert not is_working_day(dt.date(2026, 3, 19))  # Nyepi stays a holiday
    assert not is_working_day(dt.date(2026, 3, 18))


def test_late_added_cuti_bersama_moves_the_due_date():
    """18 August 2025 was declared cuti bersama eleven days ahead; the package knows it now, so
    the calendar as it was before the decree is rebuilt with an override marking it working."""
    received = dt.date(2025, 8, 6)
    before = CalendarOverride.objects.create(date=dt.date(2025, 8, 18), is_working_day=True, reason="sebelum SKB")
    assert add_working_days(received, 10) == dt.date(2025, 8, 20)
    before.delete()
    assert OfficeCalendar().status(dt.date(2025, 8, 18)).source == DaySource.CUTI_BERSAMA
    assert add_working_days(received, 10) == dt.date(2025, 8, 21)


def test_office_closure_added_while_the_year_is_cached_is_seen_at_once():
    received = dt.date(2026, 8, 3)
    assert add_working_days(received, 10) == dt.date(2026, 8, 18)  # 17 August is a holiday
    CalendarOverride.objects.create(date=dt.date(2026, 8, 18), is_working_day=False, reason="Libur daerah")
    assert not is_working_day(dt.date(2026, 8, 18))
    assert add_working_days(received, 10) == dt.date(2026, 8, 19)


def test_an_override_can_make_a_listed_holiday_working():
    CalendarOverride.objects.create(date=dt.date(2026, 3, 24), is_working_day=True, reason="Koreksi")
    status = OfficeCalendar().status(dt.date(2026, 3, 24))
    assert status.is_working and status.source == DaySource.OFFICE_WORKING


def test_2027_holidays_are_known():
    non_working = OfficeCalendar().non_working_days(2027)
    assert any(day.day == dt.date(2027, 8, 17) for day in non_working)
    assert len(non_working) >= 15


def test_skipped_days_name_the_reason():
    skipped = OfficeCalendar().skipped_days(dt.date(2026, 3, 11), dt.date(2026, 4, 1))
    names = {day.day: day for day in skipped}
    assert names[dt.date(2026, 3, 19)].source == DaySource.NATIONAL_HOLIDAY
    assert "Nyepi" in names[dt.date(2026, 3, 19)].name
    assert names[dt.date(2026, 3, 14)].source == DaySource.WEEKEND


def test_negative_counts_and_naive_moments_are_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 3, 1), -1)
    with pytest.raises(ValueError):
        receipt_date(dt.datetime(2026, 3, 4, 10, 0))


days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 10, 31))
counts = st.integers(min_value=0, max_value=40)


@hypothesis_settings(max_examples=150, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=40))
def test_property_result_is_a_working_day(start, n):
    calendar = OfficeCalendar()
    assert calendar.is_working_day(calendar.add_working_days(start, n))


@hypothesis_settings(max_examples=150, deadline=None)
@given(start=days, n=counts, m=counts)
def test_property_monotonic_in_n(start, n, m):
    calendar = OfficeCalendar()
    low, high = sorted((n, m))
    assert calendar.add_working_days(start, low) <= calendar.add_working_days(start, high)


@hypothesis_settings(max_examples=150, deadline=None)
@given(a=days, b=days, n=counts)
def test_property_monotonic_in_start(a, b, n):
    calendar = OfficeCalendar()
    early, late = sorted((a, b))
    assert calendar.add_working_days(early, n) <= calendar.add_working_days(late, n)


@hypothesis_settings(max_examples=150, deadline=None)
@given(start=days, n=counts, m=counts)
def test_property_adding_n_then_m_equals_adding_n_plus_m_from_a_working_day(start, n, m):
    calendar = OfficeCalendar()
    working = calendar.add_working_days(start, 1)
    assert calendar.add_working_days(calendar.add_working_days(working, n), m) == calendar.add_working_days(working, n + m)


@hypothesis_settings(max_examples=100, deadline=None)
@given(moment=st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 1), timezones=st.just(UTC)))
def test_property_receipt_date_is_a_working_day_not_before_the_local_date(moment):
    calendar = OfficeCalendar()
    received = calendar.receipt_date(moment)
    assert calendar.is_working_day(received)
    assert received >= calendar.local_date(moment)


@hypothesis_settings(max_examples=100, deadline=None)
@given(start=days, n=counts)
def test_property_subtracting_undoes_adding_from_a_working_day(start, n):
    calendar = OfficeCalendar()
    working = calendar.add_working_days(start, 1)
    assert calendar.subtract_working_days(calendar.add_working_days(working, n), n) == working
