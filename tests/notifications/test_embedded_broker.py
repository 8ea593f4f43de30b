"""Under `make run` (no Redis): the sweep task and the emails it queues go through the configured
broker (kombu's filesystem transport by default) to a real worker, and one digest goes out."""

import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from notifications.models import OutgoingEmail, SweepRun
from notifications.tasks import deadline_sweep_task
from ppid.celery import app
from requests.models import InformationRequest
from tests.ppid.test_celery_worker import wait_for
from tests.requests.processing_helpers import fast_password_hashing, make_request, staff  # noqa: F401


@pytest.mark.django_db(transaction=True)
def test_the_sweep_task_and_its_emails_run_on_a_real_worker_through_the_broker(real_broker, office, make_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people = staff(office, make_user)
    request = make_request(assignee=people["reviewer"])
    InformationRequest.objects.filter(pk=request.pk).update(notice_due=dt.date(2020, 1, 6))  # overdue whatever today is
    mail.outbox = []
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deadline_sweep_task.delay("test")
        # Wait on the outbox in memory, not on the database: the SQLite test database is one shared
        # in-memory cache, where a read here while the worker thread writes fails that write with
        # "database table is locked" (no busy timeout applies to shared-cache locks). Leaving the
        # block lets the worker finish the task it is running before the rows are read.
        assert wait_for(lambda: len(mail.outbox) == 2)
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == 2
    assert SweepRun.objects.get().trigger == "test"
    assert sorted(message.to[0] for message in mail.outbox) == sorted([people["reviewer"].email, people["ppid"].email])
