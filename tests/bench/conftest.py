"""Benchmarks (run with `make bench`): numbers are written to bench-results/, never asserted.

Files are named bench_*.py so that the normal test run does not collect them.
"""

import json
import platform
import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

RESULTS = Path(settings.BASE_DIR) / "bench-results"
_rows = []


@pytest.fixture
def bench():
    """bench(name, fn, repeat=N) -> runs fn N times, records median and p95 in milliseconds."""

    def run(name, fn, *, repeat=50, per_call=1):
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            timings.append((time.perf_counter() - start) * 1000 / per_call)
        timings.sort()
        row = {
            "name": name,
            "database": connection.vendor,
            "repeat": repeat,
            "median_ms": round(statistics.median(timings), 3),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 3),
        }
        _rows.append(row)
        print(f"{name:<55} median {row['median_ms']:>9.3f} ms   p95 {row['p95_ms']:>9.3f} ms")
        return row

    return run


def pytest_sessionfinish(session, exitstatus):
    if not _rows:
        return
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    payload = {"when": stamp, "python": platform.python_version(), "machine": platform.machine(), "results": _rows}
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(payload, indent=2))
    (RESULTS / "latest.json").write_text(json.dumps(payload, indent=2))
