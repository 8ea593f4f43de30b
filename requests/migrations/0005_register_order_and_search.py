"""The register's order as a partial index (keyset pages), and trigram indexes for its text search.

The trigram indexes exist on PostgreSQL only (pg_trgm, a trusted extension since PostgreSQL 13);
they index the same expressions Django's icontains compares (UPPER(column::text)), so the
planner can combine them with a bitmap OR. SQLite has no such index and falls back to LIKE.
The requester's name is indexed here too: it is the register that searches it.
"""

from django.db import connection as default_connection
from django.conf import settings
from django.db import migrations, models


SEARCH_INDEXES = (
    ("request_number_trgm", "requests_informationrequest", "register_number"),
    ("request_wanted_trgm", "requests_informationrequest", "information_wanted"),
    ("requester_name_trgm", "registry_requester", "full_name"),
    ("requester_entity_trgm", "registry_requester", "entity_name"),
)


def _connection(schema_editor):
    return schema_editor.connection if schema_editor is not None else default_connection


def create_search_indexes(apps, schema_editor):
    connection = _connection(schema_editor)
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in SEARCH_INDEXES:
            cursor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER("{column}"::text)) gin_trgm_ops)')


def drop_search_indexes(apps, schema_editor):
    connection = _connection(schema_editor)
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name, _table, _column in SEARCH_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_verification_submission_outcome'),
        ('requests', '0004_notice_meeting'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(create_search_indexes, drop_search_indexes),
        migrations.AddIndex(
            model_name='informationrequest',
            index=models.Index(condition=models.Q(('register_number__isnull', False)), fields=['-received_at', '-id'], name='request_register_order'),
        ),
    ]
