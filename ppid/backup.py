"""Backup and restore: the database first, then the files, so that no record points to a missing file.

A backup is a folder (0700) holding ``database.sqlite3`` (SQLite, through SQLite's online backup
API) or ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``), then ``private.tar`` and
``media.tar`` (the private and public file folders, modes kept) and ``manifest.json``. Files
written after the dump began are in the archive too: an extra file is harmless, a missing one
is not. ``make backup`` / ``make restore`` call the management commands (docs/operations.md).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.utils import timezone

POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


def _pg_args(database: dict) -> tuple[list[str], dict]:
    args = []
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _tar(source: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w") as archive:
        if source.exists():
            for path in sorted(source.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(source)), recursive=False)
                count += path.is_file()
    os.chmod(target, 0o600)
    return count


def backup_create(*, target: Path, database: dict, connection, private_root: Path, media_root: Path) -> Path:
    """Write a backup folder under ``target``; returns its path."""
    folder = Path(target) / timezone.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, mode=0o700)
    engine = database["ENGINE"]
    if engine == SQLITE:
        connection.ensure_connection()
        dump = folder / "database.sqlite3"
        with sqlite3.connect(dump) as copy:
            connection.connection.backup(copy)
    elif engine == POSTGRES:
        dump = folder / "database.dump"
        args, env = _pg_args(database)
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", *args, "--file", str(dump), database["NAME"]], check=True, env=env)
    else:
        raise ValueError(f"no backup method for {engine}")
    os.chmod(dump, 0o600)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database": dump.name,
        "private_files": _tar(Path(private_root), folder / "private.tar"),
        "media_files": _tar(Path(media_root), folder / "media.tar"),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return folder


def _untar(archive_path: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tarfile.open(archive_path) as archive:
        archive.extractall(target, filter="tar")  # keeps the 0600/0700 modes; refuses absolute paths and links out


def backup_restore(*, source: Path, database: dict, private_root: Path, media_root: Path) -> dict:
    """Restore a backup folder into an empty database and file folders (the database first)."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text())
    engine = database["ENGINE"]
    if engine != manifest["engine"]:
        raise ValueError(f"the backup is of {manifest['engine']}, the target database is {engine}")
    folders = (("private.tar", Path(private_root)), ("media.tar", Path(media_root)))
    for _name, root in folders:
        if root.exists() and any(root.iterdir()):
            raise ValueError(f"{root} is not empty: restore into a fresh folder")
    if engine == SQLITE:
        target = Path(database["NAME"])
        if target.exists() and target.stat().st_size:
            raise ValueError(f"{target} is not empty: restore into a fresh database")
        with sqlite3.connect(source / manifest["database"]) as dump, sqlite3.connect(target) as copy:
            dump.backup(copy)
    else:
        args, env = _pg_args(database)
        command = ["pg_restore", "--no-owner", "--exit-on-error", *args, "--dbname", database["NAME"], str(source / manifest["database"])]
        subprocess.run(command, check=True, env=env)
    for name, root in folders:
        _untar(source / name, root)
    return manifest
