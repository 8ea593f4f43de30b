"""Logs: one JSON line per event, each with the id of the request or task it belongs to."""

import json
import logging
import sys
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from ppid.celery import app
from ppid.logs import JsonFormatter, RequestIdFilter, RequestIdMiddleware, request_id_var

pytestmark = pytest.mark.django_db


def json_line(record) -> dict:
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    return json.loads(line)


def test_every_response_carries_a_request_id(client):
    first = client.get(reverse("home"))["X-Request-ID"]
    second = client.get(reverse("home"))["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_the_id_a_proxy_sent_is_kept_and_a_malformed_one_replaced(client):
    assert client.get(reverse("home"), HTTP_X_REQUEST_ID="nginx-4f2a9c1e77").headers["X-Request-ID"] == "nginx-4f2a9c1e77"
    forged = client.get(reverse("home"), HTTP_X_REQUEST_ID='x"\n{"level": "CRITICAL"}').headers["X-Request-ID"]
    assert len(forged) == 32 and forged.isalnum()


def test_a_record_is_one_json_line_with_the_request_id_extras_and_the_exception():
    token = request_id_var.set("abc123def456")
    try:
        try:
            raise ValueError("baris\nkedua")
        except ValueError:
            record = logging.getLogger("ppid.test").makeRecord(
                "ppid.test", logging.ERROR, __file__, 1, "gagal %s", ("x",), exc_info=sys.exc_info(),
                extra={"request_pk": 7},
            )
        line = json_line(record)
    finally:
        request_id_var.reset(token)
    assert line["message"] == "gagal x" and line["level"] == "ERROR" and line["logger"] == "ppid.test"
    assert line["request_id"] == "abc123def456" and line["request_pk"] == 7
    assert "ValueError: baris\nkedua" in line["exception"]
    assert line["time"].endswith("+00:00")


def test_each_request_logs_one_access_line_without_its_query_string(caplog, settings):
    settings.PPID_ACCESS_LOG = True
    request = RequestFactory().get("/permohonan/status/?nomor=0001&kode=RAHASIA123")
    request.user = AnonymousUser()
    middleware = RequestIdMiddleware(lambda req: HttpResponse(status=204))
    with caplog.at_level(logging.INFO, logger="ppid.access"):
        response = middleware(request)
    (record,) = [record for record in caplog.records if record.name == "ppid.access"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["status"] == 204 and line["method"] == "GET" and line["path"] == "/permohonan/status/"
    assert "RAHASIA" not in json.dumps(line) and line["user_id"] is None
    assert request_id_var.get() == ""  # nothing leaks into the next request of this thread


seen_ids = []


@app.task(name="tests.remember_request_id")
def remember_request_id():
    seen_ids.append(request_id_var.get())


@pytest.mark.django_db(transaction=True)
def test_a_task_dispatched_while_serving_a_request_logs_with_its_id(real_broker):
    seen_ids.clear()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        token = request_id_var.set("req-0123456789")
        try:
            remember_request_id.delay()
        finally:
            request_id_var.reset(token)
        remember_request_id.delay()  # from beat or a shell: an id of its own
        deadline = time.monotonic() + 60  # a loaded machine starts the worker slowly
        while len(seen_ids) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    # The broker does not promise the order of two messages sent within the same millisecond.
    assert len(seen_ids) == 2 and "req-0123456789" in seen_ids
    own_id = next(seen for seen in seen_ids if seen != "req-0123456789")
    assert len(own_id) == 32
