"""Objection numbers under concurrency: objections to different requests filed at the same moment get
distinct, gapless numbers; the same request objected to twice at once gives one objection."""

import datetime as dt

import pytest
from django.db import connection

from objections.models import Objection
from ppid.rules import TransitionRefused
from tests.concurrency import run_together
from tests.objections.helpers import at, decided_request, file_online
from tests.requests.processing_helpers import staff


def _run(targets):
    """Each target filed at the same moment in its own thread: (their numbers or refusals, errors)."""
    outcomes = []

    def recorded(target):
        try:
            outcomes.append(target())
        except TransitionRefused as refusal:
            outcomes.append(str(refusal.message))

    errors = run_together([lambda target=target: recorded(target) for target in targets])
    return outcomes, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_objections_get_distinct_gapless_numbers_and_one_per_request(office, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    people = staff(office, make_user)
    moment = at(dt.date(2026, 3, 19), 10)
    requests = [decided_request(people)[0] for _ in range(4)]
    outcomes, errors = _run([lambda r=r: file_online(r, "a", now=moment).register_number for r in requests])
    assert not errors
    numbers = sorted(outcomes)
    assert numbers == [f"{n:04d}/KEB-PPID/III/2026" for n in range(1, 5)]

    same = decided_request(people)[0]
    outcomes, errors = _run([lambda: file_online(same, "a", now=moment).register_number for _ in range(2)])
    assert not errors
    assert Objection.objects.filter(request=same).count() == 1
    assert any("masih dipertimbangkan" in outcome for outcome in outcomes)
