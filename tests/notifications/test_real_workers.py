"""Real Celery worker processes against Redis and PostgreSQL (the CI pass with every service): one email per
item and recipient across two sweeps, two workers, and a task killed mid-send and retried."""

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from notifications.models import OutgoingEmail
from notifications.outbox import STUCK_AFTER, emails_needing_attention
from notifications.sweep import deadline_sweep
from notifications.tasks import email_send_task
from requests.models import InformationRequest
from tests.notifications.test_requester import submit
from tests.registry.factories import RequesterFactory
from tests.requests.processing_helpers import WIB, fast_password_hashing, make_request, staff  # noqa: F401

NOW = dt.datetime(2026, 4, 1, 7, tzinfo=WIB)
ROOT = Path(__file__).resolve().parents[2]


def _database_url():
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _worker(name, env):
    command = [sys.executable, "-m", "celery", "-A", "ppid", "worker", "--pool=solo", "-n", f"{name}@%h",
               "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _sent_to(mail_dir: Path) -> list[str]:
    return [line[4:].strip() for path in mail_dir.glob("*") for line in path.read_text(errors="replace").splitlines() if line.startswith("To: ")]


def _stop(*workers):
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_real_workers_send_one_email_per_item_and_recipient(real_broker, office, make_user, tmp_path):
    if not settings.CELERY_BROKER_URL.startswith("redis://") or connection.vendor != "postgresql":
        pytest.skip("needs Redis (CELERY_BROKER_URL) and PostgreSQL (DATABASE_URL): the CI pass with every service")
    real_broker.control.purge()
    people = staff(office, make_user)
    for assignee in ("reviewer", "reviewer", "desk"):
        request = make_request(assignee=people[assignee], unit=office["health"])
        InformationRequest.objects.filter(pk=request.pk).update(notice_due=dt.date(2026, 3, 31))
    mail_dir, marker = tmp_path / "mail", tmp_path / "crash-once"
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
           "EMAIL_BACKEND": "tests.notifications.backends.CrashOnceFileBackend", "EMAIL_FILE_PATH": str(mail_dir),
           "PPID_TEST_CRASH_MARKER": str(marker), "PYTHONPATH": str(ROOT)}
    env.pop("PPID_TEST_FAKE_NOW", None)
    workers = [_worker("w1", env), _worker("w2", env)]
    try:
        # Two sweeps of the same morning, two workers: each officer gets one digest.
        deadline_sweep(now=NOW)
        deadline_sweep(now=NOW + dt.timedelta(minutes=5))
        digests = list(OutgoingEmail.objects.values_list("pk", flat=True))
        for pk in digests:  # the same message delivered again to both workers (a broker redelivery)
            email_send_task.delay(pk)
            email_send_task.delay(pk)
        expected = {people[name].email for name in ("reviewer", "desk", "ppid", "health")}
        assert len(digests) == len(expected)
        assert _wait(lambda: OutgoingEmail.objects.filter(status="sent").count() == len(digests))
        time.sleep(2)  # let the duplicate deliveries run
        assert sorted(_sent_to(mail_dir)) == sorted(expected)

        # A worker killed right after the mail left, before the outbox recorded it; the task is retried.
        marker.write_text("1")
        requester = RequesterFactory()
        submit(requester)
        email = OutgoingEmail.objects.get(recipient_requester=requester)
        assert _wait(lambda: not marker.exists())
        assert _wait(lambda: sum(w.poll() is not None for w in workers) == 1)
        workers.append(_worker("w3", env))
        email_send_task.delay(email.pk)
        email_send_task.delay(email.pk)
        time.sleep(8)
        assert _sent_to(mail_dir).count(requester.email) == 1
        email.refresh_from_db()
        assert email.status == OutgoingEmail.Status.SENDING  # never sent twice: an administrator decides
        assert emails_needing_attention(now=email.claimed_at + STUCK_AFTER + dt.timedelta(seconds=1)).filter(pk=email.pk).exists()
    finally:
        _stop(*workers)
        real_broker.control.purge()
