"""The printed intake documents, read back from the PDF itself."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import formats, translation
from pdfminer.high_level import extract_text

from requests.models import InformationRequest
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps tests with many rows quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WIB = ZoneInfo("Asia/Jakarta")


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(extract_text(io.BytesIO(response.content)).split())


def long_date(day):
    with translation.override("id"):
        return formats.date_format(day, "l, j F Y")


def test_receipt_carries_number_received_moment_due_date_and_tracking_code(client, office):
    request = InformationRequestFactory(received_at=dt.datetime(2026, 3, 11, 10, 5, tzinfo=WIB))
    assert request.notice_due == dt.date(2026, 4, 1)
    client.force_login(request.requester.user)
    text = pdf_text(client.get(reverse("requests:mine-receipt", args=[request.pk])))
    assert "TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK" in text
    assert request.register_number in text
    assert "Rabu, 11 Maret 2026 pukul 10.05 WIB" in text  # the zone on every time
    assert "Rabu, 1 April 2026" in text
    assert request.tracking_code in text
    # The address a requester can type (the QR code carries the number and code as well).
    assert "isikan nomor register dan kode pelacakan di atas: http://testserver/permohonan/status/" in text
    assert "%2F" not in text


def test_a_letter_numbers_its_pages_from_the_second_as_the_tata_naskah_dinas_has_it(client, office):
    """The first page carries the kop and no page number; later pages the short title and "k / N"."""
    request = InformationRequestFactory(information_wanted="Salinan dokumen anggaran tahun 2025. " * 200)
    client.force_login(request.requester.user)
    response = client.get(reverse("requests:mine-receipt", args=[request.pk]))
    pages = [" ".join(page.split()) for page in extract_text(io.BytesIO(response.content)).split("\f") if page.strip()]
    assert len(pages) >= 2
    assert "TANDA BUKTI PENERIMAAN" in pages[0] and f"1 / {len(pages)}" not in pages[0]
    assert "Tanda bukti penerimaan permohonan informasi publik" not in pages[0]  # the footer's short title
    for number, page in enumerate(pages[1:], start=2):
        assert f"{number} / {len(pages)}" in page
        assert "Tanda bukti penerimaan permohonan informasi publik" in page


def test_receipt_qr_code_points_to_the_public_status_page(client, office):
    from requests.views.documents import public_status_url

    request = InformationRequestFactory()
    factory_request = client.get("/").wsgi_request
    url = public_status_url(factory_request, request)
    assert request.tracking_code in url
    page = client.get(url).content.decode()
    assert request.get_status_display() in page


def test_desk_request_form_has_signature_lines_and_the_due_date(client_for, office):
    request = InformationRequestFactory(received_at=dt.datetime(2026, 3, 11, 10, 5, tzinfo=WIB))
    text = pdf_text(client_for("desk_officer").get(reverse("requests:desk-form", args=[request.pk])))
    assert "FORMULIR PERMOHONAN INFORMASI PUBLIK" in text
    assert request.register_number in text
    assert long_date(request.notice_due) in text
    assert "Petugas pelayanan informasi" in text and "Pemohon informasi" in text


def test_incomplete_request_has_a_form_but_no_receipt(client_for, office):
    request = InformationRequestFactory(register_number=None, status=InformationRequest.Status.INCOMPLETE, completed_at=None)
    client = client_for("desk_officer")
    assert client.get(reverse("requests:desk-receipt", args=[request.pk])).status_code == 404
    text = pdf_text(client.get(reverse("requests:desk-form", args=[request.pk])))
    assert request.tracking_code in text
    assert "Belum dihitung" in text


def test_register_print_lists_the_period_in_parts_as_one_document(make_user, office, monkeypatch):
    from requests.exports import register_pdf_build

    monkeypatch.setattr("requests.exports.PRINT_PART_ROWS", 1)  # every row its own part
    inside = [InformationRequestFactory(received_at=dt.datetime(2026, 11, day, 9, 0, tzinfo=WIB)) for day in (3, 4)]
    outside = InformationRequestFactory(received_at=dt.datetime(2026, 10, 3, 9, 0, tzinfo=WIB))
    output, steps = io.BytesIO(), []
    name, content_type = register_pdf_build(
        owner=make_user("ppid"), params={"date_from": "2026-11-01", "date_to": "2026-11-30"}, output=output,
        progress=lambda done, total: steps.append((done, total)),
    )
    assert content_type == "application/pdf" and name.endswith("20261101-20261130.pdf")
    pages = [" ".join(page.split()) for page in extract_text(io.BytesIO(output.getvalue())).split("\f") if page.strip()]
    text = " ".join(pages)
    assert "Buku Register Permohonan Informasi Publik" in text
    assert all(r.register_number in text for r in inside) and outside.register_number not in text
    assert "03-11-2026" in text and "04-11-2026" in text
    assert len(pages) == 2 and pages[1].endswith("2")  # the second part's page is numbered 2
    assert steps == [(1, 3), (2, 3)]
