"""Set-up for the objection tests: a request refused (or answered) with its notice sent one way or another."""

from __future__ import annotations

import datetime as dt

from ppid import deadlines
from ppid.workdays import OfficeCalendar
from requests.models import Decision
from requests.services import decision, notices
from objections.services.filing import GroundClaim, objection_file
from tests.requests.processing_helpers import DUE, NEXT_DAY, RECEIVED, WIB, exempt_review, make_request, staff  # noqa: F401

# Refused on Monday 16 March 2026, 10:00 WIB (before the notice due date, 1 April 2026).
ISSUED = dt.datetime(2026, 3, 16, 10, tzinfo=WIB)
# A late notice: Thursday 2 April 2026, after the due date.
ISSUED_LATE = dt.datetime(2026, 4, 2, 10, tzinfo=WIB)
# For post and pick-up: the desk records that the notice reached the requester on Friday 27 March 2026.
RECORDED_RECEIPT = dt.date(2026, 3, 27)


def decided_request(people, *, method="email", decision_code=Decision.REFUSED, issued=ISSUED, record_receipt=True, **request_kwargs):
    """A request received 11 March 2026, answered at ``issued`` with a notice sent by ``method``."""
    request = make_request(delivery_method=method, **request_kwargs)
    fields = {}
    if decision_code == Decision.REFUSED:
        exempt_review(request, people["reviewer"])
    elif decision_code == Decision.PARTLY_GRANTED:
        exempt_review(request, people["reviewer"], outcome="partly_exempt")
        fields = {"material": "Sebagian dokumen", "withheld": "Harga satuan penawaran"}
    elif decision_code == Decision.GRANTED:
        fields = {"material": "Laporan realisasi anggaran 2025"}
    notice = decision.request_decide(
        request_id=request.pk, decision=decision_code, delivery_method=method, actor=people["ppid"], now=issued, **fields
    )
    if method in ("post", "pick_up", "fax") and record_receipt:
        received_on = max(RECORDED_RECEIPT, issued.date())
        notices.notice_receipt_record(
            notice_id=notice.pk, received_on=received_on, actor=people["desk"], now=dt.datetime.combine(received_on, dt.time(15), tzinfo=WIB)
        )
        notice.refresh_from_db()
    request.refresh_from_db()
    return request, notice


def window_last_day(ground_date: dt.date) -> dt.date:
    return deadlines.objection_window_last_day(ground_date, OfficeCalendar())


def at(day: dt.date, hour=20, minute=0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WIB)


def file_online(request, ground="a", *, now, reason="Informasi ini bukan rahasia.", **extra):
    return objection_file(
        request_id=request.pk,
        claims=[GroundClaim(ground=ground, reason=reason, found_out_on=extra.pop("found_out_on", None))],
        actor=request.requester.user,
        now=now,
        **extra,
    )


def query_counts_with_one_and_four_objections(people, read) -> tuple[int, int]:
    """How many queries ``read()`` makes with one objection filed, then with four (the calendar's
    cache warmed first): a list, export or queue must make as many either way."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            read()
        return len(ctx.captured_queries)

    request, _ = decided_request(people)
    file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    count()  # warms the calendar's cache
    one = count()
    for _ in range(3):
        other, _n = decided_request(people)
        file_online(other, "a", now=at(dt.date(2026, 3, 19), 10))
    return one, count()
