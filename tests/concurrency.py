"""Running one piece of work in several threads at once (PostgreSQL tests of locks and races)."""

import threading

from django.db import connections


def run_at_once(work, count: int, *, timeout: float = 60) -> list[Exception]:
    """Call work() in `count` threads released together (see run_together)."""
    return run_together([work] * count, timeout=timeout)


def run_together(works, *, timeout: float = 60) -> list[Exception]:
    """Call each of works in its own thread, all released together by a barrier; each thread closes
    its own database connections. Returns the exceptions the calls raised (expected outcomes are
    for the works themselves to record)."""
    works = list(works)
    barrier, errors = threading.Barrier(len(works)), []

    def run(work):
        try:
            barrier.wait(timeout=30)
            work()
        except Exception as error:  # collected for the caller to assert on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return errors
