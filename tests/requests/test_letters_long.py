"""The longest text the forms allow, printed: the signature stays with its closing paragraph, the page count
stays bounded, and the receipt's key fields stay on page 1."""

import datetime as dt

import pytest
from django.urls import reverse

from requests.forms import OnlineRequestForm as RequestForm
from requests.forms_processing import LONG_TEXT_MAX
from requests.models import Decision
from requests.services import decision
from tests.requests.letters_helpers import letter_office, pdf_bytes, pdf_pages  # noqa: F401
from tests.requests.processing_helpers import (  # noqa: F401
    NEXT_DAY,
    WIB,
    exempt_review,
    fast_password_hashing,
    make_request,
    private_media,
    staff,
)

pytestmark = pytest.mark.django_db

WANTED_MAX = RequestForm.base_fields["information_wanted"].max_length
PURPOSE_MAX = RequestForm.base_fields["purpose"].max_length


def long_text(length: int, word: str = "anggaran") -> str:
    """Words and line breaks, as people write, exactly `length` characters long."""
    text = " ".join([word] * (length // (len(word) + 1) + 1))
    lines = [text[i : i + 300] for i in range(0, length, 300)]
    return "\n".join(lines)[:length]


def longest_request():
    return make_request(
        received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB), information_wanted=long_text(WANTED_MAX), purpose=long_text(PURPOSE_MAX, "penelitian")
    )


def assert_signature_with_closing(pages: list[str], closing: str, signature: str) -> None:
    closing_pages = [i for i, page in enumerate(pages) if closing in page]
    signature_pages = [i for i, page in enumerate(pages) if signature in page]
    assert closing_pages and closing_pages == signature_pages, (closing_pages, signature_pages)


def test_the_longest_partly_granted_notice_keeps_its_signature_with_the_closing_paragraph(letter_office, office, make_user, private_media):
    people = staff(office, make_user)
    request = longest_request()
    exempt_review(
        request, people["reviewer"], outcome="partly_exempt", letter="h",
        harm_test=long_text(LONG_TEXT_MAX, "bahaya"), public_interest_test=long_text(LONG_TEXT_MAX, "publik"),
    )
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.PARTLY_GRANTED, material=long_text(LONG_TEXT_MAX, "laporan"),
        withheld=long_text(LONG_TEXT_MAX, "dihitamkan"), body=long_text(LONG_TEXT_MAX, "keterangan"),
        actor=people["ppid"], now=NEXT_DAY,
    )
    pages = pdf_pages(pdf_bytes(notice.pdf))
    assert len(pages) <= 8  # some 17,000 characters of text, as the forms allow
    assert_signature_with_closing(pages, "Demikian pemberitahuan ini disampaikan", "NIP. 19780315 200501 1 002")
    assert "Contoh, 12 Maret 2026" in pages[-1] or "Contoh, 12 Maret 2026" in pages[-2]


def test_the_longest_refusal_keeps_its_signature_with_the_closing_paragraph(letter_office, office, make_user, private_media):
    people = staff(office, make_user)
    request = longest_request()
    exempt_review(
        request, people["reviewer"], harm_test=long_text(LONG_TEXT_MAX, "bahaya"),
        public_interest_test=long_text(LONG_TEXT_MAX, "publik"), considerations=long_text(LONG_TEXT_MAX, "pertimbangan"),
    )
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.REFUSED, body=long_text(LONG_TEXT_MAX, "keterangan"), actor=people["ppid"], now=NEXT_DAY
    )
    pages = pdf_pages(pdf_bytes(notice.pdf))
    assert len(pages) <= 8  # some 17,000 characters of text, as the forms allow
    assert_signature_with_closing(pages, "Demikian keputusan ini ditetapkan", "NIP. 19780315 200501 1 002")


def test_the_receipt_of_the_longest_request_has_its_key_fields_on_page_one(client, letter_office, office):
    request = longest_request()
    client.force_login(request.requester.user)
    response = client.get(reverse("requests:mine-receipt", args=[request.pk]))
    pages = pdf_pages(response.content)
    assert len(pages) <= 3
    for key in (request.register_number, request.tracking_code, "Rabu, 11 Maret 2026 pukul 10.00 WIB", "Rabu, 1 April 2026"):
        assert key in pages[0], key
    assert_signature_with_closing(pages, "PPID wajib memberikan pemberitahuan tertulis", "Pemohon informasi")


def test_the_longest_berita_acara_keeps_both_signatures_with_the_closing_paragraph(letter_office, office, make_user, private_media):
    from requests.services import fulfilment

    people = staff(office, make_user)
    request = longest_request()
    decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material=long_text(LONG_TEXT_MAX, "laporan"), actor=people["ppid"], now=NEXT_DAY
    )
    delivery = fulfilment.request_fulfil(
        request_id=request.pk, method="pick_up", recipient_name="Budi Santoso", actor=people["desk"], now=NEXT_DAY
    )
    pages = pdf_pages(pdf_bytes(delivery.handover_pdf))
    assert len(pages) <= 5
    assert_signature_with_closing(pages, "Demikian berita acara ini dibuat", "Yang menyerahkan")
    assert_signature_with_closing(pages, "Demikian berita acara ini dibuat", "Yang menerima")
