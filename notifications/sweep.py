"""The daily deadline sweep: every watched deadline within N working days or passed, each person told once.

Set-based whatever the number of items: one query per deadline source, one for the role holders,
one for the units' staff, then the new notifications are inserted with ON CONFLICT DO NOTHING
against their unique key (so what was told before is simply not inserted again), one digest email
per officer is inserted, and the notifications are pointed at their digest in one UPDATE. The
digests are queued after commit, one task each.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery

from ppid.workdays import OfficeCalendar

from .models import Notification, OutgoingEmail, SweepRun
from .sources import DeadlineSource, deadline_sources

INSERT_BATCH = 5000
Stage = Notification.Stage
Role = Notification.Role
# The strongest reason a person is told about an item wins when they have several.
ROLE_ORDER = {Role.OFFICER: 0, Role.ALERT: 1, Role.UNIT: 2}


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


def recipients_lines(
    found: list[tuple[DeadlineSource, list[tuple]]], *, kind: str, key_of, stage_of_row, alert: bool
) -> list[Notification]:
    """The notifications for rows of the sources: the assignee, the role holders, the unit's staff,
    and (when ``alert`` and the row is overdue) the alert roles; each person once per item, in their strongest role."""
    sources = [source for source, _rows in found]
    holders = _role_holders(sources)
    staff = _unit_staff({row[2] for _source, rows in found for row in rows if row[2]}, sources)
    lines: list[Notification] = []
    for source, rows in found:
        for item_id, deadline, unit_id, assignee_id, label in rows:
            if deadline is None:
                continue
            stage = stage_of_row(deadline)
            told: dict[int, str] = {}

            def tell(user_ids, role, told=told):
                for pk in user_ids:
                    if pk not in told or ROLE_ORDER[role] < ROLE_ORDER[told[pk]]:
                        told[pk] = role

            if assignee_id:
                tell([assignee_id], Role.OFFICER)
            for role in source.officer_roles:
                tell(holders.get(role, ()), Role.OFFICER)
            if alert and stage == Stage.OVERDUE:
                for role in source.alert_roles:
                    tell(holders.get(role, ()), Role.ALERT)
            for role in source.unit_roles:
                tell(staff.get((unit_id, role), ()), Role.UNIT)
            key = key_of(deadline, stage)
            lines.extend(
                Notification(
                    item_type=source.item_type,
                    item_id=item_id,
                    kind=kind,
                    key=key,
                    recipient_key=user_key(pk),
                    recipient_user_id=pk,
                    role=role,
                    stage=stage,
                    deadline=deadline,
                    label=(label or "")[:100],
                )
                for pk, role in told.items()
            )
    return lines


def sweep_candidates(*, today: dt.date, horizon: dt.date) -> tuple[int, list[Notification]]:
    """(items found, the notifications that would be told) for the office day; not saved."""
    found = [(source, list(source.rows(horizon))) for source in deadline_sources()]
    items = sum(1 for _source, rows in found for row in rows if row[1] is not None)
    lines = recipients_lines(
        found,
        kind=Notification.DEADLINE,
        key_of=lambda deadline, stage: f"{stage}:{deadline.isoformat()}",
        stage_of_row=lambda deadline: stage_of(deadline, today),
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
        return notifications_record(run, lines, items=items, now=now, started=started, email_kind=OutgoingEmail.DIGEST)


def notifications_record(run: SweepRun, lines: list[Notification], *, items: int, now, started: float, email_kind: str) -> SweepRun:
    """Insert the lines not told before, one email per recipient of the new ones, queued after commit."""
    for line in lines:
        line.sweep = run
    Notification.objects.bulk_create(lines, batch_size=INSERT_BATCH, ignore_conflicts=True)
    # The rows this run inserted carry its id; a line told before kept its first sweep.
    recipients = list(Notification.objects.filter(sweep=run).order_by().values_list("recipient_key", "recipient_user_id").distinct())
    emails = OutgoingEmail.objects.bulk_create(
        [OutgoingEmail(kind=email_kind, recipient_key=key, recipient_user_id=user_id, sweep=run) for key, user_id in recipients],
        batch_size=INSERT_BATCH,
    )
    new = Notification.objects.filter(sweep=run).update(
        email=Subquery(OutgoingEmail.objects.filter(sweep=run, recipient_key=OuterRef("recipient_key")).values("pk")[:1])
    )
    run.items, run.notifications, run.emails = items, new, len(emails)
    run.finished_at = now
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save(update_fields=["items", "notifications", "emails", "finished_at", "duration_ms"])
    email_ids = [email.pk for email in emails]
    if email_ids:
        transaction.on_commit(lambda: _queue(email_ids), robust=True)
    return run


def _queue(email_ids: list[int]) -> None:
    from .tasks import email_send_task

    for pk in email_ids:
        email_send_task.delay(pk)
