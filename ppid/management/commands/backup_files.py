"""Copy every stored file (private and public stores) into a local folder, through the storage API.

Works the same on the local folders and on object storage, so one backup recipe fits both:
run it after the database dump (docs/operations.md, "Backup"). Files are never rewritten once
stored (names are unique), so a file already copied with the same size is skipped.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

STORES = {"private": "private", "public": "default"}
SKIPPED_FOLDERS = ("health",)  # the health check's probe files, deleted as soon as written


def stored_names(storage, folder: str = ""):
    """Every file name under ``folder`` of a storage, depth first."""
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for directory in sorted(directories):
        if not folder and directory in SKIPPED_FOLDERS:
            continue
        yield from stored_names(storage, posixpath.join(folder, directory) if folder else directory)


class Command(BaseCommand):
    help = "Menyalin semua berkas tersimpan (privat dan publik) ke sebuah folder lokal untuk cadangan."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Folder tujuan; dibuat bila belum ada.")

    def handle(self, *args, destination, **options):
        target_root = Path(destination).resolve()
        copied = skipped = 0
        for label, alias in STORES.items():
            storage = storages[alias]
            try:
                names = list(stored_names(storage))
            except FileNotFoundError:
                names = []  # a local store nobody wrote to yet
            for name in names:
                target = (target_root / label / name).resolve()
                if target_root not in target.parents:
                    raise CommandError(f"refusing to write outside {target_root}: {name}")
                if target.exists() and target.stat().st_size == storage.size(name):
                    skipped += 1
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(target.name + ".partial")
                with storage.open(name, "rb") as source, open(partial, "wb") as copy:
                    for chunk in iter(lambda: source.read(1024 * 1024), b""):
                        copy.write(chunk)
                partial.replace(target)
                copied += 1
        self.stdout.write(f"{copied} berkas disalin, {skipped} sudah ada, ke {target_root}.")
