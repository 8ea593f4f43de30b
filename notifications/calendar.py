"""A calendar change, after it committed: every open deadline recomputed once more, and the officers told.

The override's own transaction already ran the apps' recompute hooks (so no page shows a stale
date); the hook registered here queues ``calendar_recompute_task`` after commit, which runs them
again from a worker (idempotent, set-based, and each batch updates only rows still carrying the
dates it read, so an extension committed meanwhile keeps its dates: see
requests.services.deadlines.open_requests_recompute) and then tells the officers, in one email
each, which of their items moved (read from the items' event logs, so also the ones moved in the
override's own transaction).
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import transaction

from ppid.services import CalendarChange, calendar_recompute
from ppid.workdays import OfficeCalendar

from .models import SweepRun
from .sources import deadline_sources
from .sweep import notifications_record, recipients_lines

MOVED = "deadline_moved"


def calendar_change_enqueue(*, actor=None, change: CalendarChange | None = None) -> int:
    """Registered with ppid.services.register_calendar_change_hook; changes nothing itself."""
    if change is not None:
        data = change.as_data()

        def queue():
            from .tasks import calendar_recompute_task

            calendar_recompute_task.delay(data)

        transaction.on_commit(queue, robust=True)
    return 0


def calendar_change_recompute(*, change: dict, now: dt.datetime) -> SweepRun:
    started = time.monotonic()
    calendar_recompute(change=CalendarChange(**change), skip=(calendar_change_enqueue,))
    today = OfficeCalendar().local_date(now)
    found = [(source, list(source.moved(change))) for source in deadline_sources() if source.moved]
    tag = f"{change.get('kind', '')}:{change.get('day') or change.get('weekday', '')}"
    lines = recipients_lines(
        found,
        key_of=lambda deadline, stage: f"{tag}:{deadline.isoformat()}",
        stage_of_row=lambda deadline: "",
        alert=False,
    )
    with transaction.atomic():
        run = SweepRun.objects.create(started_at=now, office_day=today, horizon=today, trigger="calendar")
        return notifications_record(run, lines, kind=MOVED, items=len({(s.item_type, r[0]) for s, rows in found for r in rows}), now=now, started=started, email_kind=MOVED)

