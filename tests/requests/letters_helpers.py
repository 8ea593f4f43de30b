"""Shared set-up of the letter tests: an office with its officials, PDF text per page, samples for docs/letters.md."""

import io
import os
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text

from ppid.models import OfficeSettings

PPID_NIP = "197803152005011002"
ATASAN_NIP = "196912011994031005"


@pytest.fixture
def letter_office(db):
    """The office identity every letter prints: names, city, contacts, the PPID and the Atasan PPID with their NIPs."""
    return OfficeSettings.objects.update_or_create(
        pk=1,
        defaults={
            "body_name": "Pemerintah Kabupaten Contoh",
            "ppid_name": "PPID Kabupaten Contoh",
            "address": "Jl. Merdeka No. 1, Contoh 12345",
            "city": "Contoh",
            "phone": "(0361) 123456",
            "email": "ppid@contohkab.go.id",
            "website": "https://ppid.contohkab.go.id",
            "ppid_official_name": "Dra. Wayan Sari, M.Si.",
            "ppid_official_position": "Kepala Dinas Komunikasi dan Informatika",
            "ppid_official_nip": PPID_NIP,
            "atasan_official_name": "Ir. Made Gede",
            "atasan_official_position": "Sekretaris Daerah",
            "atasan_official_nip": ATASAN_NIP,
        },
    )[0]


def pdf_bytes(field_or_bytes) -> bytes:
    if isinstance(field_or_bytes, bytes):
        return field_or_bytes
    field_or_bytes.open("rb")
    try:
        return field_or_bytes.read()
    finally:
        field_or_bytes.close()


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed."""
    pages = extract_text(io.BytesIO(content)).split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


def sample_keep(name: str, content: bytes) -> None:
    """With LETTERS_SAMPLE_DIR set, keep the PDF for the thumbnails of docs/letters.md (scripts/letters_thumbnails.sh)."""
    folder = os.environ.get("LETTERS_SAMPLE_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.pdf").write_bytes(content)
