"""Row of the table: the daily deadline sweep over 100,000 open items (notifications.sweep).

The seed holds a few thousand open requests; for this row every seeded request is made open
(in review), given a due date from five days overdue to four ahead and one of 200 officers, in a
transaction that is rolled back at the end, so the shared seed is left as it was. Each round
sweeps a fresh office day's worth (the lines of the round before are deleted first, untimed, inside
the same transaction), so every round records and groups everything, as a first sweep would.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification, OutgoingEmail, SweepRun
from notifications.sweep import deadline_sweep
from ppid.models import User
from requests.models import InformationRequest

from .conftest import compare
from .seed import NOW

pytestmark = pytest.mark.django_db
OFFICERS = 200


def _open_everything(today: dt.date, units) -> int:
    officers = User.objects.bulk_create(
        [User(username=f"bench-sweep-{n}", email=f"sweep-{n}@bench.example", unit=units["main"]) for n in range(OFFICERS)]
    )
    ids = sorted(officer.pk for officer in officers)
    assert ids[-1] - ids[0] == OFFICERS - 1, "the officers' ids are contiguous"
    Group.objects.get(name="ppid").user_set.add(*officers[:2])  # two PPIDs get the overdue alerts
    start = today - dt.timedelta(days=5)
    if connection.vendor == "postgresql":
        due = "%s::date + (id %% 10)::integer"
    else:
        due = "date(%s, '+' || (id %% 10) || ' days')"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE requests_informationrequest SET status = 'in_review', notice_due = {due}, assignee_id = %s + (id %% {OFFICERS})",
            [start.isoformat(), ids[0]],
        )
    return InformationRequest.objects.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES).count()


def test_the_daily_sweep_over_every_open_item(seeded):
    today = NOW.date()
    with transaction.atomic():
        open_count = _open_everything(today, seeded.units)
        state = {"queries": [], "runs": []}

        def forget():  # the round before's lines and digests: every round is a first sweep
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {Notification._meta.db_table}")
                cursor.execute(f"DELETE FROM {OutgoingEmail._meta.db_table}")

        def sweep():
            with CaptureQueriesContext(connection) as captured:
                run = deadline_sweep(now=NOW, trigger="bench")
            state["queries"].append(len(captured))
            state["runs"].append((run.items, run.notifications, run.emails, run.duration_ms))

        def bare_read():
            list(
                InformationRequest.objects.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES).values_list(
                    "pk", "notice_due", "unit_id", "assignee_id", "register_number"
                )
            )

        compare(
            "daily deadline sweep: every open item, one digest per officer (notifications.sweep)",
            sweep, bare_read, rounds=3, warmup=0, goal=10, mode="seconds", before=forget,
            note="baseline: reading the same open requests' columns once",
            extra={"open_items": open_count, "queries_per_sweep": state["queries"], "items_lines_emails_ms": state["runs"]},
        )
        SweepRun.objects.all().delete()
        transaction.set_rollback(True)  # the shared seed stays as it was
