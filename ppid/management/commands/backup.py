"""make backup: the database, then the private and public files, into one folder (ppid.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from ppid.backup import backup_create


class Command(BaseCommand):
    help = "Mencadangkan basis data lalu berkas privat dan publik ke satu folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups"), help="Folder tujuan cadangan.")

    def handle(self, *args, to, **options):
        folder = backup_create(
            target=Path(to), database=settings.DATABASES["default"], connection=connection,
            private_root=Path(settings.PRIVATE_MEDIA_ROOT), media_root=Path(settings.MEDIA_ROOT),
        )
        self.stdout.write(f"Cadangan ditulis ke {folder}")
