"""Benchmarks (run with `make bench`): numbers are written to bench-results/, never asserted.

Files are named bench_*.py so that the normal test run does not collect them. Each row of
docs/performance.md's table is measured by ``compare``: the target and its bare baseline run
alternately, round after round, in the same process against the same database, and the row
records the median and minimum of each and their ratio. Pages are served through Django's
WSGI handler with the whole middleware stack, as gunicorn would call it (no test client, and
the test run's template instrumentation switched off while measuring).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

RESULTS = Path(settings.BASE_DIR) / "bench-results"
_rows: list[dict] = []


# -- the seeded database -------------------------------------------------------------------
@pytest.fixture(scope="session")
def seeded(django_db_setup, django_db_blocker):
    """PPID_BENCH_ROWS requests (default 100,000), committed once for the whole run."""
    from .seed import bench_seed, seeded_count

    with django_db_blocker.unblock():
        start = time.perf_counter()
        context = bench_seed()
        seconds = time.perf_counter() - start
        if connection.vendor == "postgresql":
            from requests.register_search import search_statistics_refresh

            counting = time.perf_counter()
            trigrams = search_statistics_refresh()  # what the nightly task keeps (requests.tasks)
            print(f"\nsearch statistics: {trigrams} trigrams counted ({time.perf_counter() - counting:.1f} s)")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"\nseed: {seeded_count()} requests on {connection.vendor} ({seconds:.1f} s)")
    return context


@pytest.fixture
def serve(settings):
    """serve(path, user=None, query="") -> (status, body): one request through the WSGI handler."""
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections
    from django.template import Template
    from django.test import Client
    from django.test.client import RequestFactory
    from django.test.utils import _TestState

    settings.ROOT_URLCONF = "tests.bench.urls"
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render  # what a server runs
    signals.request_started.disconnect(close_old_connections)  # as the test client does
    signals.request_finished.disconnect(close_old_connections)
    handler = WSGIHandler()
    factory = RequestFactory()
    cookies = {}

    def cookie_for(user):
        if user is None:
            return ""
        if user.pk not in cookies:
            client = Client()
            client.force_login(user)
            cookies[user.pk] = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
        return cookies[user.pk]

    def run(path, *, user=None, query="", method="GET", data=None, keep_body=True):
        request = factory.generic(method, path, data=data or "", HTTP_COOKIE=cookie_for(user), QUERY_STRING=query)
        environ = request.environ
        environ["QUERY_STRING"] = query
        status = []
        response = handler(environ, lambda line, headers, exc_info=None: status.append(line))
        if keep_body:
            body = b"".join(response)
        else:  # a streamed download read as a client would: chunk by chunk, keeping only the size
            body = sum(len(chunk) for chunk in response)
        response.close()
        return int(status[0].split()[0]), body

    yield run
    Template._render = instrumented
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# -- measuring ----------------------------------------------------------------------------
def _timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(name, target, baseline, *, rounds, goal, mode, warmup=1, note="", extra=None, before=None):
    """Run target and baseline alternately; record median and minimum of each and the ratio.

    ``before`` (optional) runs untimed before every call of either.
    mode "throughput": ratio = baseline time / target time (the target's share of the bare's
    requests per second); the goal is a minimum. mode "slowdown": ratio = target / baseline;
    the goal is a maximum. mode "seconds": the goal is the target's median in seconds (the
    baseline is shown for scale).
    """
    for _ in range(warmup):
        target()
        baseline()
    times = {"target": [], "baseline": []}
    for round_ in range(rounds):
        order = (("target", target), ("baseline", baseline)) if round_ % 2 == 0 else (("baseline", baseline), ("target", target))
        for key, fn in order:
            if before is not None:  # untimed preparation of each call (e.g. emptying what a sweep wrote)
                before()
            times[key].append(_timed(fn))
    t_med, b_med = statistics.median(times["target"]), statistics.median(times["baseline"])
    if mode == "throughput":
        ratio, ok = b_med / t_med, b_med / t_med >= goal
    elif mode == "slowdown":
        ratio, ok = t_med / b_med, t_med / b_med <= goal
    else:
        ratio, ok = t_med / b_med, t_med <= goal
    row = {
        "name": name,
        "database": connection.vendor,
        "rounds": rounds,
        "mode": mode,
        "goal": goal,
        "target_median_ms": round(t_med * 1000, 3),
        "target_min_ms": round(min(times["target"]) * 1000, 3),
        "baseline_median_ms": round(b_med * 1000, 3),
        "baseline_min_ms": round(min(times["baseline"]) * 1000, 3),
        "ratio": round(ratio, 3),
        "meets_goal": ok,
        "note": note,
        **(extra or {}),
    }
    _rows.append(row)
    goal_text = {"throughput": f">= {goal}x", "slowdown": f"<= {goal}x", "seconds": f"< {goal} s"}[mode]
    print(
        f"\n{name}\n  target   median {row['target_median_ms']:>10.2f} ms  min {row['target_min_ms']:>10.2f} ms"
        f"\n  baseline median {row['baseline_median_ms']:>10.2f} ms  min {row['baseline_min_ms']:>10.2f} ms"
        f"\n  ratio {ratio:.2f}x  goal {goal_text}  {'OK' if ok else 'MISSED'}"
        + (f"\n  {note}" if note else "")
        + "".join(f"\n  {k}: {v}" for k, v in (extra or {}).items())
    )
    return row


@pytest.fixture
def bench():
    """bench(name, fn, repeat=N): a plain timing without a baseline (for the smaller rows)."""

    def run(name, fn, *, repeat=50, per_call=1):
        timings = sorted(_timed(fn) * 1000 / per_call for _ in range(repeat))
        row = {
            "name": name,
            "database": connection.vendor,
            "rounds": repeat,
            "mode": "timing",
            "target_median_ms": round(statistics.median(timings), 3),
            "target_min_ms": round(timings[0], 3),
        }
        _rows.append(row)
        print(f"\n{name:<60} median {row['target_median_ms']:>9.3f} ms   min {row['target_min_ms']:>9.3f} ms")
        return row

    return run


def pytest_sessionfinish(session, exitstatus):
    if not _rows:
        return
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    payload = {
        "when": stamp,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "database": connection.vendor,
        "rows": int(os.environ.get("PPID_BENCH_ROWS", "100000")),
        "results": _rows,
    }
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(payload, indent=2))
    (RESULTS / "latest.json").write_text(json.dumps(payload, indent=2))
