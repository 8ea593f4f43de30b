"""Running one piece of work in several threads at once (PostgreSQL tests of locks and races)."""

import threading

from django.db import connections


def run_at_once(work, count: int, *, timeout: float = 60) -> list[Exception]:
    """Call work() in `count` threads released together by a barrier; each thread closes its own
    database connections. Returns the exceptions the calls raised (expected outcomes are for
    work() itself to record)."""
    barrier, errors = threading.Barrier(count), []

    def run():
        try:
            barrier.wait(timeout=30)
            work()
        except Exception as error:  # collected for the caller to assert on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return errors
