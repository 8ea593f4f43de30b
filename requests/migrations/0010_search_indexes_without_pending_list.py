"""The register's trigram indexes take each new entry at once instead of through a pending list.

With GIN's default fast update, new entries wait in an unsorted pending list until a vacuum or
until the list reaches gin_pending_list_limit (4 MB), and every search reads the whole list: on
a register that grows steadily and is vacuumed rarely (an insert-only table is vacuumed after a
fifth of its size is added) that list was measured at 2,000 entries and 2 ms of every search.
An office adds a few hundred requests a day and searches more often than it registers, so the
small cost moves to the insert. The pending list already there is flushed into the index.
"""

from django.db import connection as default_connection
from django.db import migrations

# The trigram indexes of migration 0005.
SEARCH_INDEXES = ("request_number_trgm", "request_wanted_trgm", "requester_name_trgm", "requester_entity_trgm")


def _set_fast_update(enabled: bool):
    def apply(apps, schema_editor):
        # Without a schema editor (tests/conftest.py runs every data step again) on the default database.
        connection = schema_editor.connection if schema_editor is not None else default_connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for name in SEARCH_INDEXES:
                cursor.execute(f"ALTER INDEX IF EXISTS {name} SET (fastupdate = {'on' if enabled else 'off'})")
                if not enabled:
                    cursor.execute("SELECT gin_clean_pending_list(to_regclass(%s)) WHERE to_regclass(%s) IS NOT NULL", [name, name])

    return apply


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0009_awaiting_queue_index"),
    ]

    operations = [
        migrations.RunPython(_set_fast_update(False), _set_fast_update(True)),
    ]
