"""Two officers deciding the same request at the same moment: the row lock lets one through."""

import threading

import pytest
from django.db import connection, connections

from requests.models import Decision, Notice
from requests.services import decision
from requests.services.transitions import TransitionRefused
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
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def decide():
        try:
            barrier.wait(timeout=30)
            decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
            outcomes.append("decided")
        except TransitionRefused as refusal:
            outcomes.append(str(refusal.message))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(outcomes) == 2 and outcomes.count("decided") == 1
    assert any("dua kali" in outcome for outcome in outcomes)
    assert Notice.objects.filter(request=request).count() == 1
    assert request.events.filter(action="decided").count() == 1
