"""The printed register: register-number order, and no stale pasal 17 reason after an open re-review."""

import datetime as dt

import pytest

from requests.exports import PRINTED_COLUMNS, register_print_lines
from requests.models import Decision
from requests.selectors_register import RegisterFilters, register_rows
from requests.services import decision, review as review_services
from tests.requests.processing_helpers import NEXT_DAY, WIB, exempt_review, fast_password_hashing, make_request, private_media, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def lines_for(user):
    filters = RegisterFilters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    return register_print_lines(register_rows(filters=filters, user=user))


def test_the_printed_register_follows_the_register_numbers_not_the_received_moments(office, make_user):
    # Recorded later at the desk with an earlier received moment: its number comes after.
    make_request(register_number="0002/PPID/III/2026", received_at=dt.datetime(2026, 3, 10, 9, tzinfo=WIB))
    make_request(register_number="0010/PPID/III/2026", received_at=dt.datetime(2026, 3, 9, 9, tzinfo=WIB))
    make_request(register_number="0001/PPID/III/2026", received_at=dt.datetime(2026, 3, 11, 9, tzinfo=WIB))
    numbers = [line[0] for line in lines_for(make_user("ppid", unit=office["main"]))]
    assert numbers == ["0001/PPID/III/2026", "0002/PPID/III/2026", "0010/PPID/III/2026"]


def test_a_request_re_reviewed_as_open_and_granted_prints_no_refusal_reason(office, make_user, private_media):
    people = staff(office, make_user)
    request = make_request()
    exempt_review(request, people["reviewer"])
    review_services.review_record(
        request_id=request.pk, outcome="open", considerations="Dokumen sudah diumumkan; terbuka.", actor=people["reviewer"], now=NEXT_DAY
    )
    decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Dokumen", actor=people["ppid"], now=NEXT_DAY)
    (line,) = lines_for(people["ppid"])
    reason = line[[key for key, _label in PRINTED_COLUMNS].index("refusal_reason")]
    assert reason == "" and "pasal 17" not in " ".join(line)


def test_register_numbers_sort_by_year_and_serial_whatever_the_format(settings):
    from ppid.sequences import register_number_sort_key

    numbers = ["0010/PPID/I/2027", "0002/PPID/XII/2026", "0100/PPID/III/2026"]
    assert sorted(numbers, key=lambda n: register_number_sort_key(kind="request", number=n)) == [
        "0002/PPID/XII/2026", "0100/PPID/III/2026", "0010/PPID/I/2027",
    ]
    settings.PPID_REGISTER_NUMBER_FORMATS = {**settings.PPID_REGISTER_NUMBER_FORMATS, "request": "{year}-{month}-{number:03d}"}
    assert register_number_sort_key(kind="request", number="2026-3-012")[:2] == (2026, 12)
