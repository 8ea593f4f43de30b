"""The uji konsekuensi sheet of a request and the SK penetapan of exempt information, read back from the PDF."""

import hashlib

import pytest
from django.urls import reverse

from ppid.models import InformationItem, IssuedDocument
from tests.requests.letters_helpers import letter_office, pdf_bytes, pdf_pages, sample_keep  # noqa: F401
from tests.requests.processing_helpers import exempt_review, fast_password_hashing, make_request, private_media, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_harm_test_sheet_prints_the_review_as_the_form_asks(client, letter_office, office, make_user):
    people = staff(office, make_user)
    request = make_request()
    exempt_review(request, people["reviewer"])
    client.force_login(people["ppid"])
    response = client.get(reverse("requests:harm-test-pdf", args=[request.pk]))
    assert response.status_code == 200
    sample_keep("lembar-uji-konsekuensi", response.content)
    text = " ".join(pdf_pages(response.content))
    for expected in (
        "LEMBAR UJI KONSEKUENSI DAN UJI KEPENTINGAN PUBLIK", "pasal 17 huruf b", "merugikan persaingan usaha",
        "Uji kepentingan publik", "politik, ekonomi, sosial budaya, pertahanan keamanan", "rahasia dagang",
        "Kesimpulan", "Dra. Wayan Sari, M.Si.", "NIP. 19780315 200501 1 002", request.register_number,
    ):
        assert expected in text, expected


def test_the_sk_penetapan_lists_each_exempt_item_with_its_period_and_is_registered(client, letter_office, office, make_user, private_media, monkeypatch):
    from ppid.storage import PrivateFileSystemStorage

    monkeypatch.setattr(IssuedDocument._meta.get_field("pdf"), "storage", PrivateFileSystemStorage(location=private_media))
    for title, period in (("Dokumen penawaran tender", "2 (dua) tahun sejak kontrak ditandatangani"), ("Rekam medis pasien", "")):
        InformationItem.objects.create(
            title=title, unit=office["main"], category="dikecualikan", legal_basis="UU KIP pasal 17 huruf b",
            harm_test="Merugikan persaingan usaha", exemption_period=period,
        )
    InformationItem.objects.create(title="Laporan keuangan", unit=office["main"], category="berkala")
    client.force_login(make_user("ppid", unit=office["main"]))
    assert "Dokumen penawaran tender" in client.get(reverse("exempt-list")).content.decode()
    response = client.post(reverse("exempt-list"))
    document = IssuedDocument.objects.get(kind="exempt_list")
    assert response.status_code == 302 and response["Location"] == reverse("exempt-list-pdf", args=[document.pk])
    pdf = b"".join(client.get(response["Location"]).streaming_content)
    sample_keep("sk-penetapan-dikecualikan", pdf)
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    text = " ".join(pdf_pages(pdf))
    for expected in (
        "PENETAPAN DAFTAR INFORMASI YANG DIKECUALIKAN", "001/SK-DIK/", "Dokumen penawaran tender",
        "2 (dua) tahun sejak kontrak ditandatangani", "Rekam medis pasien", "Belum ditetapkan", "Menimbang", "MEMUTUSKAN",
        "Tembusan", "Komisi Informasi Provinsi", "NIP. 19780315 200501 1 002",
    ):
        assert expected in text, expected
    assert "Laporan keuangan" not in text
