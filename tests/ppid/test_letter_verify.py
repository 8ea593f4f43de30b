"""The public page a letter's QR code opens: the letter as registered, a genuine or forged hash, no personal data."""

import hashlib
import re

import pytest
from django.urls import reverse

from ppid.models import IssuedDocument
from requests.models import Decision
from requests.services import decision, notices
from tests.requests.letters_helpers import letter_office, pdf_bytes, pdf_pages  # noqa: F401
from tests.requests.processing_helpers import NEXT_DAY, fast_password_hashing, make_request, private_media, staff  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(letter_office, office, make_user, private_media):
    people = staff(office, make_user)
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material="Laporan realisasi anggaran", actor=people["ppid"], now=NEXT_DAY
    )
    content = pdf_bytes(notice.pdf)
    token = re.search(r"verifikasi-surat/([A-Za-z0-9_-]+)/", " ".join(pdf_pages(content))).group(1)
    return {"notice": notice, "request": request, "content": content, "url": reverse("letter-verify", args=[token])}


def test_the_qr_code_opens_the_letter_as_registered_without_login(client, issued):
    page = client.get(issued["url"])
    assert page.status_code == 200
    text = page.content.decode()
    notice = issued["notice"]
    for expected in (notice.number, "Pemberitahuan tertulis", "Kamis, 12 Maret 2026", hashlib.sha256(issued["content"]).hexdigest()):
        assert expected in text, expected


def test_the_page_shows_no_personal_data(client, issued):
    text = client.get(issued["url"]).content.decode()
    requester = issued["request"].requester
    for private in (requester.full_name, requester.nik, requester.address, requester.phone, requester.email, "Laporan realisasi anggaran"):
        assert private not in text, private


def test_the_hash_of_the_stored_pdf_is_genuine(client, issued):
    genuine = hashlib.sha256(issued["content"]).hexdigest()
    text = client.get(issued["url"], {"sha256": genuine.upper()}).content.decode()
    assert "Cocok" in text and "Tidak cocok" not in text


def test_the_hash_of_an_altered_pdf_is_forged(client, issued):
    forged = hashlib.sha256(issued["content"] + b"\n%altered").hexdigest()
    text = client.get(issued["url"], {"sha256": forged}).content.decode()
    assert "Tidak cocok" in text and "berbeda dari surat yang tersimpan" in text


@pytest.mark.parametrize("given", ["bukan-hash", "a" * 63, "\x00" * 3])
def test_anything_but_a_hash_is_answered_not_matched_never_an_error(client, issued, given):
    response = client.get(issued["url"], {"sha256": given})
    assert response.status_code == 200 and "Cocok:" not in response.content.decode()


def test_an_unknown_code_is_not_found(client, db):
    assert client.get(reverse("letter-verify", args=["tidak-ada"])).status_code == 404


def test_a_reissued_notice_says_the_earlier_one_was_replaced(client, issued, office, make_user):
    import datetime as dt

    from tests.requests.processing_helpers import WIB

    notice = issued["notice"]
    notice.delivery_method = "post"
    notice.received_by_requester_on = None
    notice.save(update_fields=["delivery_method", "received_by_requester_on"])
    desk = make_user("desk_officer", unit=office["main"])
    notices.notice_receipt_record(notice_id=notice.pk, received_on=dt.date(2026, 3, 13), actor=desk, now=dt.datetime(2026, 3, 13, 9, tzinfo=WIB))
    assert IssuedDocument.objects.count() == 2
    text = client.get(issued["url"]).content.decode()
    assert "diterbitkan ulang" in text
