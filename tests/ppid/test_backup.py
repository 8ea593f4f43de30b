"""make backup / make restore: restored into a fresh database and fresh folders, every file a record
points to is there (SQLite in the default run, pg_dump / pg_restore in the PostgreSQL pass)."""

import sqlite3
import stat
import subprocess

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection, models

from ppid.backup import POSTGRES, SQLITE, backup_create, backup_restore
from ppid.storage import PrivateFileSystemStorage


def file_columns():
    """(table, column, private?) of every file field of the project."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model._meta.db_table, field.column, getattr(field.storage, "private", False)


@pytest.fixture
def private_storage(monkeypatch, tmp_path):
    location = tmp_path / "private"
    storage = PrivateFileSystemStorage(location=location)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and getattr(field.storage, "private", False):
                monkeypatch.setattr(field, "storage", storage)
    return location


def records_with_files(media_root):
    from ppid.models import InformationItem
    from requests.models import Material, Notice
    from tests.registry.factories import RequesterFactory, document_add
    from tests.requests.factories import InformationRequestFactory

    requester = RequesterFactory(verification_status="unverified")
    document_add(requester)
    request = InformationRequestFactory(requester=requester)
    material = Material(request=request, kind=Material.Kind.INFORMATION, original_name="a.pdf", sha256="0" * 64)
    material.file.save("bahan.pdf", ContentFile(b"%PDF-1.4 bahan"), save=True)
    notice = Notice(request=request, kind=Notice.Kind.DECISION, number="0001/SP-UJI", issued_by=requester.user, issued_at=request.received_at)
    notice.pdf.save("pemberitahuan.pdf", ContentFile(b"%PDF-1.4 pemberitahuan"), save=True)
    item = InformationItem.objects.create(title="Anggaran", unit=request.unit, category="berkala")
    item.document.save("anggaran.pdf", ContentFile(b"%PDF-1.4 dip"), save=True)
    return 4


def restored_file_names(database, engine):
    """Every file name the restored records point to, read from the restored database itself."""
    names = []
    if engine == SQLITE:
        with sqlite3.connect(database["NAME"]) as restored:
            for table, column, private in file_columns():
                names += [(row[0], private) for row in restored.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'')]
        return names
    import psycopg

    with psycopg.connect(**_pg_kwargs(database)) as restored:
        for table, column, private in file_columns():
            rows = restored.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'').fetchall()
            names += [(row[0], private) for row in rows]
    return names


def _pg_kwargs(database, name=None):
    kwargs = {"dbname": name or database["NAME"], "user": database.get("USER") or None}
    if database.get("HOST"):
        kwargs["host"] = database["HOST"]
    if database.get("PORT"):
        kwargs["port"] = database["PORT"]
    if database.get("PASSWORD"):
        kwargs["password"] = database["PASSWORD"]
    return {key: value for key, value in kwargs.items() if value is not None}


@pytest.fixture
def fresh_database(tmp_path):
    source = connection.settings_dict
    if source["ENGINE"] == SQLITE:
        yield {"ENGINE": SQLITE, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    name = f"{source['NAME']}_restore"
    with psycopg.connect(**_pg_kwargs(source, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    with psycopg.connect(**_pg_kwargs(source, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_and_folder_finds_every_file_the_records_point_to(
    tmp_path, settings, private_storage, fresh_database
):
    if connection.vendor == "postgresql" and subprocess.run(["which", "pg_dump"], capture_output=True).returncode:
        pytest.skip("pg_dump is not installed")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    expected = records_with_files(settings.MEDIA_ROOT)
    folder = backup_create(
        target=tmp_path / "backups", database=connection.settings_dict, connection=connection,
        private_root=private_storage, media_root=tmp_path / "media",
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    private_copy, media_copy = tmp_path / "restored-private", tmp_path / "restored-media"
    manifest = backup_restore(source=folder, database=fresh_database, private_root=private_copy, media_root=media_copy)
    assert manifest["private_files"] == 3 and manifest["media_files"] == 1
    names = restored_file_names(fresh_database, connection.settings_dict["ENGINE"])
    assert len(names) == expected
    for name, private in names:
        path = (private_copy if private else media_copy) / name
        assert path.is_file(), name
        if private:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ValueError, match="not empty"):
        backup_restore(source=folder, database=fresh_database, private_root=private_copy, media_root=media_copy)


def test_backup_and_restore_are_make_targets():
    from django.conf import settings as django_settings

    makefile = (django_settings.BASE_DIR / "Makefile").read_text()
    assert "manage.py backup" in makefile and "manage.py restore" in makefile
    assert POSTGRES == "django.db.backends.postgresql"
