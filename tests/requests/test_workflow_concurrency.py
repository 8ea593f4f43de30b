"""Two officers deciding the same request at the same moment: the row lock lets one through."""

import pytest
from django.db import connection

from requests.models import Decision, Notice
from requests.services import decision
from requests.services.transitions import TransitionRefused
from tests.concurrency import run_at_once
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    NEXT_DAY,
    fast_password_hashing,
    make_request,
    staff,
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_give_one_notice_and_one_clear_refusal(office, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    people = staff(office, make_user)
    request = make_request()
    outcomes = []

    def decide():
        try:
            decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
            outcomes.append("decided")
        except TransitionRefused as refusal:
            outcomes.append(str(refusal.message))

    assert run_at_once(decide, 2) == []
    assert len(outcomes) == 2 and outcomes.count("decided") == 1
    assert any("dua kali" in outcome for outcome in outcomes)
    assert Notice.objects.filter(request=request).count() == 1
    assert request.events.filter(action="decided").count() == 1
