"""Shared set-up for the processing tests: staff per role, a request, files, PDF text."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from pdfminer.high_level import extract_text
from pypdf import PdfWriter

from ppid.models import InformationItem
from requests.services import review as review_services
from tests.requests.factories import InformationRequestFactory

WIB = ZoneInfo("Asia/Jakarta")
# Received Wednesday 11 March 2026 10:00 WIB: due Wednesday 1 April 2026 (Nyepi, cuti bersama, Idul Fitri between).
RECEIVED = dt.datetime(2026, 3, 11, 10, tzinfo=WIB)
DUE = dt.date(2026, 4, 1)
NEXT_DAY = dt.datetime(2026, 3, 12, 10, tzinfo=WIB)



def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = _blank_pdf()


def pdf_upload(name="bahan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def pdf_text(field) -> str:
    field.open("rb")
    try:
        return " ".join(extract_text(io.BytesIO(field.read())).split())
    finally:
        field.close()


def make_request(**kwargs):
    kwargs.setdefault("received_at", RECEIVED)
    return InformationRequestFactory(**kwargs)


def staff(office, make_user):
    return {
        "ppid": make_user("ppid", unit=office["main"], first_name="Siti", last_name="Rahma", position="PPID Utama"),
        "reviewer": make_user("classification_reviewer", unit=office["main"]),
        "desk": make_user("desk_officer", unit=office["main"]),
        "health": make_user("ppid_pembantu", unit=office["health"]),
        "education": make_user("ppid_pembantu", unit=office["education"]),
        "atasan": make_user("atasan_ppid", unit=office["main"]),
    }


def exempt_review(request, actor, *, outcome="exempt", letter="b", now=NEXT_DAY, **extra):
    fields = {
        "legal_basis": "pasal_17",
        "exemption_letter": letter,
        "harm_test": "Membuka dokumen penawaran merugikan persaingan usaha yang sehat para peserta tender.",
        "public_interest_test": "Kepentingan publik tidak lebih besar daripada kerugian persaingan usaha.",
        "considerations": "Dokumen memuat rahasia dagang peserta tender.",
        **extra,
    }
    if outcome == "partly_exempt":
        fields.setdefault("exempt_part", "Harga satuan penawaran peserta")
    return review_services.review_record(request_id=request.pk, outcome=outcome, actor=actor, now=now, **fields)


def dip_item(office, *, category, title="Dokumen"):
    return InformationItem.objects.create(title=title, unit=office["main"], category=category)


@pytest.fixture
def private_media(monkeypatch, tmp_path):
    """Request files of a test go to a fresh private folder (the fields resolved their storage at import)."""
    from ppid.storage import PrivateFileSystemStorage
    from requests.models import Delivery, Material, Notice

    location = tmp_path / "private"
    storage = PrivateFileSystemStorage(location=location)
    for model, field in ((Material, "file"), (Notice, "pdf"), (Delivery, "handover_pdf")):
        monkeypatch.setattr(model._meta.get_field(field), "storage", storage)
    return location


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Many staff users per test: a fast hasher keeps the suite quick (password strength is not under test here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
