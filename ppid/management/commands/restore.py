"""make restore FROM=<folder>: into an empty database and empty file folders (ppid.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ppid.backup import backup_restore


class Command(BaseCommand):
    help = "Memulihkan cadangan ke basis data dan folder berkas yang masih kosong (basis data dahulu, lalu berkas)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="Folder cadangan (berisi manifest.json).")

    def handle(self, *args, source, **options):
        connection.close()  # SQLite: the file is written by the restore, not through Django's connection
        try:
            manifest = backup_restore(
                source=Path(source), database=settings.DATABASES["default"],
                private_root=Path(settings.PRIVATE_MEDIA_ROOT), media_root=Path(settings.MEDIA_ROOT),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Dipulihkan dari {source}: {manifest['private_files']} berkas privat, {manifest['media_files']} berkas publik."
        )
