"""GET /health/ for load balancers: 200 when every check passes, 503 naming the failed check, no details."""

import json
import os
import socket
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from ppid.celery import app

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def quick(settings, tmp_path):
    settings.PPID_HEALTH_TIMEOUT = 1.0
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "ppid.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path / "private")}},
    }


def health(client, *checks):
    query = "&".join(f"check={name}" for name in checks)
    response = client.get(reverse("health") + (f"?{query}" if query else ""))
    return response.status_code, json.loads(response.content)


def test_the_server_side_checks_pass_and_leave_no_probe_file(client, tmp_path):
    status, report = health(client, "database", "broker", "cache", "storage")
    assert status == 200
    assert report == {"status": "ok", "checks": {"database": "ok", "broker": "ok", "cache": "ok", "storage": "ok"}}
    assert not [path for path in (tmp_path / "private").rglob("*") if path.is_file()]


def test_the_answer_is_never_cached_and_needs_no_login(client):
    response = client.get(reverse("health") + "?check=database")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_broker_that_does_not_answer_fails_the_check_with_503_and_no_details(client, settings, caplog):
    # Redis "stopped": the check points at a port nothing listens on (the shared Redis stays up).
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    status, report = health(client, "database", "broker")
    assert status == 503
    assert report == {"status": "fail", "checks": {"database": "ok", "broker": "fail"}}
    assert "Connection" not in json.dumps(report)
    assert any(record.name == "ppid.health" and record.exc_info for record in caplog.records)


def test_a_store_that_cannot_be_written_fails_the_storage_check(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "ppid.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(blocker)}},
    }
    status, report = health(client, "storage")
    assert status == 503 and report["checks"] == {"storage": "fail"}


def test_a_redis_cache_that_does_not_answer_fails_the_cache_check(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}
    }
    status, report = health(client, "cache")
    assert status == 503 and report["checks"] == {"cache": "fail"}


@pytest.mark.django_db(transaction=True)
def test_celery_is_healthy_only_while_a_worker_answers(client, settings):
    settings.PPID_HEALTH_TIMEOUT = 3.0  # the filesystem broker polls once a second
    status, report = health(client, "celery")
    assert status == 503 and report["checks"] == {"celery": "fail"}
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        # A loaded machine may take a few seconds before the new worker answers its first ping.
        deadline = time.monotonic() + 30
        status, report = health(client, "celery")
        while status != 200 and time.monotonic() < deadline:
            status, report = health(client, "celery")
    assert status == 200 and report["checks"] == {"celery": "ok"}


@pytest.mark.redis
def test_with_redis_as_broker_the_check_passes_and_fails_with_it(client, settings):
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        if os.environ.get("PPID_TEST_NO_SKIPS") == "1":
            pytest.fail("the services pass must use Redis")
        pytest.skip("needs Redis (set CELERY_BROKER_URL=redis://...)")
    assert health(client, "broker") == (200, {"status": "ok", "checks": {"broker": "ok"}})
    real = settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    assert health(client, "broker")[0] == 503
    settings.CELERY_BROKER_URL = real
    assert health(client, "broker")[0] == 200


def test_an_unknown_check_is_a_bad_request(client):
    status, report = health(client, "database", "coffee")
    assert status == 400 and report["unknown"] == ["coffee"]


def test_only_get_is_answered(client):
    assert client.post(reverse("health")).status_code == 405


def test_load_balancers_may_probe_over_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("home")).status_code == 301
    assert client.get(reverse("health") + "?check=database").status_code == 200
