"""Per-process snapshots of rarely written rows, never stale across processes and hosts.

Each cached set of tables has one row of the stamp table (``CalendarStamp``: row 1 the calendar,
row 2 the shared configuration). Database triggers (migrations ppid/0005 and ppid/0010) give
that row a new random token on every write to its tables, whoever writes (admin, shell, another
gunicorn worker on another host, raw SQL), so a snapshot tagged with the token it was loaded
under is current exactly while the token is unchanged.

The tokens are read together, in one query, at most once per unit of work: a ``stamp_scope()``
(opened per HTTP request by ``ppid.middleware.StampScopeMiddleware`` and per Celery task by
``ppid.celery``) reads them at the first use of any snapshot and trusts them for the rest of the
scope. Outside a scope (shell, management commands, tests) every use reads them. A change made
by this process inside a scope drops the snapshot and lets the scope read the tokens again
(``StampedCache.invalidate``).

Safety. The token is read before the data: a change committed between the two reads is at worst
loaded under the older token, and loaded again at the next check. Inside a transaction the
token is read again right before the data, so uncommitted writes of this connection are loaded
under their own random token, which a rollback makes unmatchable (tokens are random, never
counters).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Generic, TypeVar

from django.db import connection

# Vendors whose migrations installed the triggers; elsewhere every use loads the data.
CACHE_VENDORS = frozenset({"sqlite", "postgresql"})
CALENDAR_STAMP = 1
CONFIGURATION_STAMP = 2

# None: no scope (read every time); {}: a scope that has not read them yet; else the scope's tokens.
_scope_tokens: ContextVar[dict[int, str] | None] = ContextVar("ppid_stamp_tokens", default=None)

T = TypeVar("T")


def read_tokens() -> dict[int, str]:
    """Every stamp's token, in one query."""
    from .models import CalendarStamp

    return dict(CalendarStamp.objects.values_list("pk", "token"))


def scope_tokens() -> tuple[dict[int, str], bool]:
    """The tokens as this scope read them, and whether they were read just now (at the scope's
    first use; at every use outside a scope)."""
    tokens = _scope_tokens.get()
    if tokens:
        return tokens, False
    tokens = read_tokens()
    if _scope_tokens.get() is not None:
        _scope_tokens.set(tokens)
    return tokens, True


def _forget_scope_tokens() -> None:
    if _scope_tokens.get() is not None:
        _scope_tokens.set({})


class StampedCache(Generic[T]):
    """One snapshot per process of what ``load()`` returns, tagged with the token of stamp row ``stamp_id``.

    The snapshot is shared by every request of the process, so ``load`` returns what its callers
    cannot change (frozen dataclasses, tuples, read-only mappings: ``ppid.shared_config``) or never
    change (``ppid.calendar_cache.CalendarData``, which fills its own per-year tables)."""

    def __init__(self, stamp_id: int, load: Callable[[], T]):
        self.stamp_id = stamp_id
        self.load = load
        self.snapshot: tuple[str, T] | None = None

    def get(self) -> T:
        if connection.vendor not in CACHE_VENDORS:
            return self.load()
        tokens, fresh = scope_tokens()
        token = tokens.get(self.stamp_id)
        snapshot = self.snapshot
        if snapshot is not None and token is not None and snapshot[0] == token:
            return snapshot[1]
        if connection.in_atomic_block and not fresh:  # this connection may have written since: its own token
            token = read_tokens().get(self.stamp_id)
            if token is not None:
                tokens[self.stamp_id] = token  # the scope's view, so the new snapshot holds for the scope
        value = self.load()
        self.snapshot = (token, value) if token is not None else None
        return value

    def invalidate(self) -> None:
        """This process changed the data: drop the snapshot, and let the scope read the new token."""
        self.snapshot = None
        _forget_scope_tokens()


@contextmanager
def stamp_scope():
    """A unit of work (an HTTP request, a task) that reads the stamps at most once."""
    reset = _scope_tokens.set({})
    try:
        yield
    finally:
        _scope_tokens.reset(reset)


def stamp_scope_open() -> None:
    """For code that cannot wrap a block (Celery's task_prerun); closed by stamp_scope_close."""
    _scope_tokens.set({})


def stamp_scope_close() -> None:
    _scope_tokens.set(None)
