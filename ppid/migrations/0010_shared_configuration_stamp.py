"""The shared configuration's stamp: row 2 of the stamp table, given a new random token by database
triggers on every write to the office settings, the second-factor requirements and the units.

Every process caches those rows (ppid.shared_config) and compares this token once per request or
task (ppid.stamps), so a change made anywhere (admin, shell, another server, raw SQL) is seen by
every worker at its next request. Triggers exist for SQLite and PostgreSQL; on another database
the cache is not used (ppid.stamps.CACHE_VENDORS).
"""

import uuid

from django.db import connection as default_connection
from django.db import migrations

CONFIGURATION_STAMP = 2  # ppid.stamps.CONFIGURATION_STAMP (a migration keeps its own copy)
WATCHED_TABLES = ("ppid_officesettings", "ppid_twofactorrequirement", "ppid_unit")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION ppid_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ppid_calendarstamp (id, token) VALUES (TG_ARGV[0]::bigint, md5(random()::text || clock_timestamp()::text))
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
                    f"FOR EACH STATEMENT EXECUTE FUNCTION ppid_stamp_bump('{CONFIGURATION_STAMP}')"
                )
        elif connection.vendor == "sqlite":
            for table in WATCHED_TABLES:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_stamp_{event.lower()} AFTER {event} ON {table} BEGIN "
                        f"INSERT INTO ppid_calendarstamp (id, token) VALUES ({CONFIGURATION_STAMP}, lower(hex(randomblob(16)))) "
                        "ON CONFLICT(id) DO UPDATE SET token = excluded.token; END"
                    )
    CalendarStamp.objects.get_or_create(pk=CONFIGURATION_STAMP, defaults={"token": uuid.uuid4().hex})


def drop_triggers(apps, schema_editor):
    connection = _connection(schema_editor)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in WATCHED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS ppid_stamp_bump()")
        elif connection.vendor == "sqlite":
            for table in WATCHED_TABLES:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event}")
    apps.get_model("ppid", "CalendarStamp").objects.filter(pk=CONFIGURATION_STAMP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0009_objection_sequence"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="calendarstamp",
            options={"verbose_name": "versi data bersama", "verbose_name_plural": "versi data bersama"},
        ),
        migrations.RunPython(create_stamp_and_triggers, drop_triggers),
    ]
