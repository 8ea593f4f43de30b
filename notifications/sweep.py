"""The daily deadline sweep: every watched deadline within N working days or passed, each person told once.

Set-based whatever the number of items: one query per deadline source, one for the role holders,
one for the units' staff, one insert of a digest email per recipient, then one INSERT of every
line with ON CONFLICT DO NOTHING against the unique key (what was told before is simply not
inserted again), each line already pointing at its recipient's digest, and one delete of the
digests that got no new line. The digests are queued after commit, one task each.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import defaultdict
from operator import itemgetter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from ppid.workdays import OfficeCalendar

from .models import Notification, OutgoingEmail, SweepRun
from .sources import DeadlineSource, deadline_sources

INSERT_BATCH = 5000
Stage = Notification.Stage
Role = Notification.Role


def user_key(user_id: int) -> str:
    return f"user:{user_id}"


def stage_of(deadline: dt.date, today: dt.date) -> str:
    if deadline < today:
        return Stage.OVERDUE
    return Stage.DUE_TODAY if deadline == today else Stage.DUE_SOON


def sweep_horizon(today: dt.date, calendar: OfficeCalendar, days: int | None = None) -> dt.date:
    days = settings.PPID_REMINDER_WORKING_DAYS if days is None else days
    return calendar.add_working_days(today, days)


def _role_holders(sources: list[DeadlineSource]) -> dict[str, list[int]]:
    wanted = {role for source in sources for role in (*source.officer_roles, *source.alert_roles)}
    holders: dict[str, list[int]] = defaultdict(list)
    if wanted:
        rows = get_user_model().objects.filter(is_active=True, groups__name__in=wanted).values_list("pk", "groups__name")
        for pk, role in rows:
            holders[role].append(pk)
    return holders


def _unit_staff(unit_ids: set[int], sources: list[DeadlineSource]) -> dict[tuple[int, str], list[int]]:
    wanted = {role for source in sources for role in source.unit_roles}
    staff: dict[tuple[int, str], list[int]] = defaultdict(list)
    if unit_ids and wanted:
        rows = get_user_model().objects.filter(is_active=True, unit_id__in=unit_ids, groups__name__in=wanted)
        for pk, unit_id, role in rows.values_list("pk", "unit_id", "groups__name"):
            staff[(unit_id, role)].append(pk)
    return staff


# A line to insert is a plain list, ready for JSON (the kind is the same for a whole run):
# [item_type, item_id, key, recipient_key, user_id, role, stage, deadline (ISO), label]
RECIPIENT, USER = 3, 4


def recipients_lines(found: list[tuple[DeadlineSource, list[tuple]]], *, key_of, stage_of_row, alert: bool) -> list[list]:
    """The notifications for rows of the sources: the assignee, the role holders, the unit's staff,
    and (when ``alert`` and the row is overdue) the alert roles; each person once per item, in their strongest role."""
    sources = [source for source, _rows in found]
    holders = _role_holders(sources)
    staff = _unit_staff({row[2] for _source, rows in found for row in rows if row[2]}, sources)
    keys: dict[int, str] = {}
    by_deadline: dict[dt.date, tuple[str, str, str]] = {}  # a few distinct deadlines for many items
    lines: list[list] = []
    append = lines.append
    for source, rows in found:
        officers = [pk for role in source.officer_roles for pk in holders.get(role, ())]
        alerts = [pk for role in source.alert_roles for pk in holders.get(role, ())] if alert else []
        unit_roles, item_type = source.unit_roles, source.item_type
        for item_id, deadline, unit_id, assignee_id, label in rows:
            if deadline is None:
                continue
            if deadline not in by_deadline:
                stage = stage_of_row(deadline)
                by_deadline[deadline] = (stage, key_of(deadline, stage), deadline.isoformat())
            stage, key, day = by_deadline[deadline]
            # Weakest first, so the strongest role a person has for this item is the one kept.
            told: dict[int, str] = {}
            for role in unit_roles:
                for pk in staff.get((unit_id, role), ()):
                    told[pk] = Role.UNIT
            if alerts and stage == Stage.OVERDUE:
                for pk in alerts:
                    told[pk] = Role.ALERT
            for pk in officers:
                told[pk] = Role.OFFICER
            if assignee_id:
                told[assignee_id] = Role.OFFICER
            label = (label or "")[:100]
            for pk, role in told.items():
                recipient = keys.get(pk) or keys.setdefault(pk, user_key(pk))
                append([item_type, item_id, key, recipient, pk, str(role), stage, day, label])
    return lines


def sweep_candidates(*, today: dt.date, horizon: dt.date) -> tuple[int, list[list]]:
    """(items found, the notifications that would be told) for the office day; not saved."""
    found = [(source, list(source.rows(horizon))) for source in deadline_sources()]
    items = sum(1 for _source, rows in found for row in rows if row[1] is not None)
    lines = recipients_lines(
        found,
        key_of=lambda deadline, stage: f"{stage}:{deadline.isoformat()}",
        stage_of_row=lambda deadline: str(stage_of(deadline, today)),
        alert=True,
    )
    return items, lines


def deadline_sweep(*, now: dt.datetime, trigger: str = "beat", days: int | None = None) -> SweepRun:
    """Record and queue every reminder due at ``now``; what was told before is not told again."""
    started = time.monotonic()
    calendar = OfficeCalendar()
    today = calendar.local_date(now)
    horizon = sweep_horizon(today, calendar, days)
    with transaction.atomic():
        run = SweepRun.objects.create(started_at=now, office_day=today, horizon=horizon, trigger=trigger)
        items, lines = sweep_candidates(today=today, horizon=horizon)
        return notifications_record(run, lines, kind=Notification.DEADLINE, items=items, now=now, started=started, email_kind=OutgoingEmail.DIGEST)


def notifications_record(run: SweepRun, lines: list[list], *, kind: str, items: int, now, started: float, email_kind: str) -> SweepRun:
    """Insert the lines not told before, each already pointing at its recipient's email of this run;
    the emails that got no new line are deleted again; the rest are queued after commit."""
    recipients = {line[RECIPIENT]: line[USER] for line in lines}
    emails = OutgoingEmail.objects.bulk_create(
        [OutgoingEmail(kind=email_kind, recipient_key=key, recipient_user_id=user_id, sweep=run) for key, user_id in recipients.items()],
        batch_size=INSERT_BATCH,
    )
    counts = _insert(lines, kind=kind, run=run)
    used = set(counts)
    # The emails of recipients told everything before: no new line, nothing to send.
    OutgoingEmail.objects.filter(pk__in=[email.pk for email in emails if email.pk not in used])._raw_delete(connection.alias)
    email_ids = sorted(used)
    run.items, run.emails, run.notifications = items, len(email_ids), sum(counts.values())
    run.finished_at = now
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save(update_fields=["items", "notifications", "emails", "finished_at", "duration_ms"])
    if email_ids:
        transaction.on_commit(lambda: _queue(email_ids), robust=True)
    return run


COLUMNS = "item_type, item_id, key, recipient_key, recipient_user_id, role, stage, deadline, label, kind, sweep_id, data, created_at, email_id"


def _insert(lines: list[list], *, kind: str, run: SweepRun) -> dict[int, int]:
    """INSERT ... ON CONFLICT DO NOTHING against the unique key, in one statement whatever the number
    of lines: the lines travel as one JSON parameter (PostgreSQL and SQLite parse it in C; binding a
    quarter of a million values one by one costs more than inserting them). Returns, per email, how
    many lines were new. Each line finds its digest by its recipient (the digests of this run are
    unique on it)."""
    if not lines:
        return {}
    # In the order of the unique index (item id first): the index is filled page by page, not at random.
    rows = json.dumps(sorted(lines, key=itemgetter(1, 0)))
    created = connection.ops.adapt_datetimefield_value(timezone.now())
    table = Notification._meta.db_table
    emails = OutgoingEmail._meta.db_table
    if connection.vendor == "postgresql":
        casts = ("text", "bigint", "text", "text", "bigint", "text", "text", "date", "text")
        fields = ", ".join(f"(e->>{index})::{cast}" for index, cast in enumerate(casts))
        sql = (
            f"WITH new AS (INSERT INTO {table} ({COLUMNS}) SELECT {fields}, %s, %s, '{{}}'::jsonb, %s, o.id"
            f" FROM jsonb_array_elements(%s::jsonb) AS e JOIN {emails} o ON o.sweep_id = %s AND o.recipient_key = e->>3"
            " ON CONFLICT DO NOTHING RETURNING email_id)"
            " SELECT email_id, count(*) FROM new GROUP BY email_id"
        )
    elif connection.vendor == "sqlite":
        fields = ", ".join(f"json_extract(value, '$[{index}]')" for index in range(9))
        sql = (
            f"INSERT INTO {table} ({COLUMNS}) SELECT {fields}, %s, %s, '{{}}', %s, o.id FROM json_each(%s)"
            f" JOIN {emails} o ON o.sweep_id = %s AND o.recipient_key = json_extract(value, '$[3]') WHERE true"
            " ON CONFLICT DO NOTHING RETURNING email_id"
        )
    else:
        raise NotImplementedError(f"the sweep's insert is written for PostgreSQL and SQLite, not {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, run.pk, created, rows, run.pk])
        result = cursor.fetchall()
    if connection.vendor == "postgresql":
        return dict(result)
    counts: dict[int, int] = defaultdict(int)
    for (email_id,) in result:
        counts[email_id] += 1
    return counts


def _queue(email_ids: list[int]) -> None:
    from .tasks import email_send_task

    for pk in email_ids:
        email_send_task.delay(pk)
