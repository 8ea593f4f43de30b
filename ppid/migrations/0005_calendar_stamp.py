"""The calendar stamp: a token that database triggers change on every write to the calendar's data.

Every process caches the calendar (ppid.calendar_cache) and compares this token before using
it, so an override or a change of service hours made anywhere (admin, shell, another server,
even raw SQL) is seen by every worker. Triggers exist for SQLite and PostgreSQL; on another
database the cache is not used (ppid.calendar_cache.CACHE_VENDORS).
"""

import uuid

from django.db import connection as default_connection
from django.db import migrations, models

WATCHED_TABLES = ("ppid_calendaroverride", "ppid_servicehours")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION ppid_calendar_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ppid_calendarstamp (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$;
"""


def _connection(schema_editor):
    # The test suite re-runs data migrations after a flush without a schema editor.
    return schema_editor.connection if schema_editor is not None else default_connection


def create_stamp_and_triggers(apps, schema_editor):
    CalendarStamp = apps.get_model("ppid", "CalendarStamp")
    connection = _connection(schema_editor)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in WATCHED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION ppid_calendar_stamp_bump()"
                )
        elif connection.vendor == "sqlite":
            for table in WATCHED_TABLES:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_stamp_{event.lower()} AFTER {event} ON {table} BEGIN "
                        "INSERT INTO ppid_calendarstamp (id, token) VALUES (1, lower(hex(randomblob(16)))) "
                        "ON CONFLICT(id) DO UPDATE SET token = excluded.token; END"
                    )
    CalendarStamp.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def drop_triggers(apps, schema_editor):
    connection = _connection(schema_editor)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in WATCHED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS ppid_calendar_stamp_bump()")
        elif connection.vendor == "sqlite":
            for table in WATCHED_TABLES:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0004_office_identity"),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=64, verbose_name="token")),
            ],
            options={
                "verbose_name": "versi kalender",
                "verbose_name_plural": "versi kalender",
            },
        ),
        migrations.RunPython(create_stamp_and_triggers, drop_triggers),
    ]
