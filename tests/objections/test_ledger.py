"""The objection's ledger: each deadline with the days skipped and why; the Atasan's queue in constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from objections.selectors import atasan_queue
from objections.selectors_ledger import objection_ledger
from tests.objections.helpers import ISSUED, at, decided_request, file_online, query_counts_with_one_and_four_objections

pytestmark = pytest.mark.django_db


def test_each_stage_lists_the_days_skipped_with_the_reason(people):
    request, _ = decided_request(people)  # the notice reached the requester on Monday 16 March 2026 (email)
    objection = file_online(request, "a", now=at(dt.date(2026, 3, 25), 10))
    ledger = objection_ledger(objection=objection, now=at(dt.date(2026, 3, 26), 10))
    keys = [stage.key for stage in ledger.stages]
    assert keys == ["ground_a", "answer", "dispute"]
    window = ledger.stages[0]
    assert window.starts_on == ISSUED.date() and window.state == "on_time"
    skipped = {day.day: day.reason for day in window.skipped}
    # Nyepi (19 March) and the cuti bersama around it, and the weekends, are not counted.
    assert dt.date(2026, 3, 19) in skipped and dt.date(2026, 3, 21) in skipped
    assert all(reason for reason in skipped.values())
    answer = ledger.stages[1]
    assert answer.due == objection.answer_due and answer.state == "pending" and answer.remaining_working_days > 0
    assert ledger.receipt_date == objection.receipt_date and ledger.receipt_reason


def test_the_atasan_queue_reads_a_constant_number_of_queries(people):
    one, four = query_counts_with_one_and_four_objections(
        people, lambda: atasan_queue(user=people["atasan"], now=at(dt.date(2026, 4, 1), 10))
    )
    assert four == one
    queue = atasan_queue(user=people["atasan"], now=at(dt.date(2026, 4, 1), 10))
    assert len(queue["later"]) + len(queue["due_soon"]) + len(queue["overdue"]) == 4
    overdue = atasan_queue(user=people["atasan"], now=at(dt.date(2026, 7, 1), 10))
    assert len(overdue["overdue"]) == 4


def test_the_calendar_recompute_is_set_based(people):
    from ppid.calendar_cache import calendar_invalidate
    from ppid.models import CalendarOverride
    from objections.models import Objection, ObjectionEvent
    from objections.services.deadlines import open_objections_recompute

    def recompute_queries(day):
        CalendarOverride.objects.update_or_create(date=day, defaults={"is_working_day": False, "reason": "Libur daerah"})
        calendar_invalidate()
        with CaptureQueriesContext(connection) as ctx:
            changed = open_objections_recompute()
        return changed, len(ctx.captured_queries)

    request, _ = decided_request(people)
    file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    one_changed, one = recompute_queries(dt.date(2026, 4, 7))
    for _ in range(3):
        other, _n = decided_request(people)
        file_online(other, "a", now=at(dt.date(2026, 3, 19), 10))
    four_changed, four = recompute_queries(dt.date(2026, 4, 8))
    assert (one_changed, four_changed) == (1, 4)
    assert four == one
    assert ObjectionEvent.objects.filter(action="deadline_changed").count() == 5
    assert len(set(Objection.objects.values_list("answer_due", flat=True))) == 1
