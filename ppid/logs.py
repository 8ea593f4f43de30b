"""Logs as one JSON line per event, each carrying the id of the request (or task) it belongs to.

``RequestIdMiddleware`` takes the id a reverse proxy sent (``X-Request-ID``, e.g. nginx's
``$request_id``) when it looks like one, or makes one; it is echoed in the response header and
kept in a context variable that ``RequestIdFilter`` puts on every record. Tasks dispatched
while serving a request carry the id in a message header, so the worker's lines share it.
With ``PPID_ACCESS_LOG`` each request also logs one line (``ppid.access``): method, path
(never the query string, which may hold a tracking code), status, duration, user id.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "ppid_request_id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

request_id_var: ContextVar[str] = ContextVar("ppid_request_id", default="")
access_logger = logging.getLogger("ppid.access")

# Attributes every LogRecord has; anything else was passed with extra= and goes into the line.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def request_id_new() -> str:
    return uuid.uuid4().hex


def request_id_from(value: str | None) -> str:
    """An incoming id if it is safe to log as it is, else a new one."""
    return value if value and _VALID_ID.match(value) else request_id_new()


class RequestIdMiddleware:
    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.access_log = settings.PPID_ACCESS_LOG

    def __call__(self, request):
        request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if self.access_log:
                user = getattr(request, "user", None)
                access_logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "request_id": request_id,
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.monotonic() - started) * 1000, 1),
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    },
                )
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (empty outside a request or task)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One line of JSON per record: time (UTC), level, logger, message, request_id, extras, exception."""

    def format(self, record):
        line = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def connect_task_signals() -> None:
    """A task inherits the id of the request that dispatched it; a task started by beat gets its own."""
    from celery.signals import before_task_publish, task_postrun, task_prerun

    tokens = {}

    @before_task_publish.connect(weak=False)
    def _add_header(headers=None, **kwargs):
        if headers is not None and request_id_var.get():
            headers.setdefault(TASK_HEADER, request_id_var.get())

    @task_prerun.connect(weak=False)
    def _enter(task_id=None, task=None, **kwargs):
        incoming = getattr(task.request, TASK_HEADER, None) if task is not None else None
        tokens[task_id] = request_id_var.set(request_id_from(incoming))

    @task_postrun.connect(weak=False)
    def _leave(task_id=None, **kwargs):
        token = tokens.pop(task_id, None)
        if token is not None:
            request_id_var.reset(token)
