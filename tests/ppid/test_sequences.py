import datetime as dt

import pytest
from django.db import connection, transaction

from ppid.models import RegisterSequence
from ppid.sequences import format_register_number, next_register_number, take_next_number
from tests.concurrency import run_at_once


def test_default_format_uses_roman_month_and_four_digits():
    assert format_register_number(kind="request", number=12, on=dt.date(2026, 11, 3)) == "0012/PPID/XI/2026"


@pytest.mark.django_db
def test_numbers_are_consecutive_per_kind_and_year():
    with transaction.atomic():
        first = next_register_number(kind="request", on=dt.date(2026, 1, 5))
        second = next_register_number(kind="request", on=dt.date(2026, 2, 5))
        objection = next_register_number(kind="objection", on=dt.date(2026, 2, 5))
        next_year = next_register_number(kind="request", on=dt.date(2027, 1, 4))
    assert (first, second) == ("0001/PPID/I/2026", "0002/PPID/II/2026")
    assert objection.startswith("0001/")
    assert next_year == "0001/PPID/I/2027"


@pytest.mark.django_db(transaction=True)
def test_taking_a_number_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        take_next_number(kind="request", year=2026)


@pytest.mark.django_db
def test_rolled_back_transaction_gives_its_number_back():
    with transaction.atomic():
        assert take_next_number(kind="request", year=2026) == 1
    try:
        with transaction.atomic():
            assert take_next_number(kind="request", year=2026) == 2
            raise RuntimeError("registration failed")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert take_next_number(kind="request", year=2026) == 2
    assert RegisterSequence.objects.get(kind="request", year=2026).last_number == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_transactions_get_twenty_distinct_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    results = []

    def register():
        with transaction.atomic():
            number = take_next_number(kind="request", year=2026)
            connection.cursor().execute("SELECT pg_sleep(0.01)")  # hold the lock a little
        results.append(number)

    assert run_at_once(register, 20) == []
    assert sorted(results) == list(range(1, 21))

    def fail_after_taking():
        with transaction.atomic():
            take_next_number(kind="request", year=2026)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_after_taking()
    with transaction.atomic():
        assert take_next_number(kind="request", year=2026) == 21
