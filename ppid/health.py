"""Health of one server for a load balancer or a monitor: GET /health/ -> 200 or 503, JSON.

Each check answers "ok" or "fail"; the reason goes to the log, never to the anonymous caller.
``?check=database&check=storage`` runs a subset (a load balancer may leave out ``celery``,
which says whether any worker answers, not whether this server can serve).
"""

from __future__ import annotations

import logging
import secrets
import socket
import time

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("ppid.health")

LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


def database_check() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def broker_check() -> None:
    from .celery import app

    # The URL from the settings of the moment (the app's configuration is read once per process).
    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=settings.PPID_HEALTH_TIMEOUT)


def cache_check() -> None:
    if settings.CACHES["default"]["BACKEND"] in LOCAL_CACHES:
        return
    key = f"ppid-health-{secrets.token_hex(8)}"
    caches["default"].set(key, "ok", timeout=10)
    if caches["default"].get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")
    caches["default"].delete(key)


def storage_check() -> None:
    """Write, read back and delete a small file in the private store (where uploads go)."""
    storage = storages["private"]
    name = storage.save(f"health/{socket.gethostname()}-{secrets.token_hex(8)}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage did not return what was stored")
    finally:
        storage.delete(name)


def celery_check() -> None:
    from .celery import app

    if not app.control.ping(timeout=settings.PPID_HEALTH_TIMEOUT, limit=1):
        raise RuntimeError("no Celery worker answered")


CHECKS = {
    "database": database_check,
    "broker": broker_check,
    "cache": cache_check,
    "storage": storage_check,
    "celery": celery_check,
}


def health_report(names) -> dict[str, str]:
    report = {}
    for name in names:
        started = time.monotonic()
        try:
            CHECKS[name]()
        except Exception:
            logger.exception("health check %s failed", name, extra={"check": name})
            report[name] = "fail"
        else:
            report[name] = "ok"
        elapsed = time.monotonic() - started
        if elapsed > settings.PPID_HEALTH_TIMEOUT:
            logger.warning("health check %s took %.1f s", name, elapsed, extra={"check": name})
    return report


@never_cache
@require_GET
def health_view(request):
    names = request.GET.getlist("check") or list(CHECKS)
    unknown = sorted(set(names) - set(CHECKS))
    if unknown:
        return JsonResponse({"status": "unknown check", "unknown": unknown, "known": list(CHECKS)}, status=400)
    report = health_report(names)
    healthy = all(result == "ok" for result in report.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": report}, status=200 if healthy else 503)
