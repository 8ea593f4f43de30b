"""A real Celery worker (solo pool, in a thread) against the configured broker: the filesystem
transport by default, Redis in the CI pass that sets CELERY_BROKER_URL."""

import datetime as dt
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from ppid.celery import app
from ppid.models import CalendarOverride


@app.task(name="tests.mark_closure")
def mark_closure(day_iso):
    """Idempotent, like every task of ours: running it twice leaves one row."""
    CalendarOverride.objects.get_or_create(
        date=dt.date.fromisoformat(day_iso), defaults={"is_working_day": False, "reason": "uji worker"}
    )


def wait_for(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_sent_through_the_broker(real_broker):
    if os.environ.get("PPID_TEST_NO_SKIPS") == "1":
        assert settings.CELERY_BROKER_URL.startswith("redis://"), "the services pass must use Redis"
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        mark_closure.delay("2026-12-31")
        mark_closure.delay("2026-12-31")
        assert wait_for(lambda: CalendarOverride.objects.filter(date=dt.date(2026, 12, 31)).exists())
        time.sleep(0.5)
    assert CalendarOverride.objects.filter(date=dt.date(2026, 12, 31)).count() == 1
