"""The objection's documents on the letter frame, read back from the PDFs: the Atasan's answer with every
field it must carry, signed by the office's Atasan PPID (never the clicking user), its QR verifying the
stored PDF; the form and the receipt with the kop; the longest answer keeps its signature with the closing."""

import datetime as dt
import hashlib

import pytest

from objections.services import answer as answer_services
from objections.services.documents import form_render, receipt_render
from ppid.dates import long_date
from ppid.letters import document_verify
from requests.models import Decision
from tests.objections.helpers import at, decided_request, file_online
from tests.requests.letters_helpers import letter_office, pdf_bytes, pdf_pages, sample_keep  # noqa: F401 (fixture)
from tests.requests.test_letters_long import assert_signature_with_closing

pytestmark = pytest.mark.django_db
ATASAN_NIP_PRINTED = "NIP. 19691201 199403 1 005"


@pytest.fixture
def objection(people, letter_office):
    request, _notice = decided_request(people)
    return file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))


def _answer(people, objection, **fields):
    fields.setdefault("outcome", "upheld")
    fields.setdefault("body", "Informasi tidak memenuhi uji konsekuensi pasal 17 huruf b.")
    if fields["outcome"] == "upheld":
        fields.setdefault("ordered_decision", Decision.GRANTED)
        fields.setdefault("compliance_working_days", 10)
    return answer_services.objection_answer(objection_id=objection.pk, actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10), **fields)


def test_the_answer_carries_every_required_field_and_is_signed_by_the_offices_atasan(people, objection):
    clicking = people["atasan"]
    clicking.first_name, clicking.last_name = "Petugas", "Yang Mengklik"
    clicking.save(update_fields=["first_name", "last_name"])
    answer = _answer(people, objection)
    objection.refresh_from_db()
    content = pdf_bytes(answer.pdf)
    sample_keep("tanggapan-atasan-ppid", content)
    text = " ".join(pdf_pages(content))
    requester = objection.requester
    for label, expected in (
        ("kop", "PEMERINTAH KABUPATEN CONTOH"),
        ("number", answer.number),
        ("perihal", "Tanggapan atasan PPID atas keberatan nomor " + objection.register_number),
        ("place and date", "Contoh, 30 Maret 2026"),
        ("addressee", "Kepada Yth."),
        ("addressee name", requester.display_name),
        ("outcome", "Keberatan diterima"),
        ("order", "paling lambat 10 hari kerja"),
        ("right to the Komisi Informasi", "Komisi Informasi dalam jangka waktu 14 hari kerja"),
        ("last date", long_date(objection.dispute_filing_due)),
        ("atasan heading", "Atasan PPID"),
        ("atasan position", "Sekretaris Daerah"),
        ("atasan name", "Ir. Made Gede"),
        ("atasan NIP", ATASAN_NIP_PRINTED),
        ("tembusan", "Tembusan"),
        ("verification", "/verifikasi-surat/"),
    ):
        assert expected in text, label
    assert "Yang Mengklik" not in text
    assert (answer.atasan_name, answer.atasan_nip) == ("Ir. Made Gede", "196912011994031005")
    verification = document_verify(token=answer.document.token, sha256=hashlib.sha256(content).hexdigest())
    assert verification.matches is True and verification.document.kind == "objection_answer"
    assert verification.document.number == answer.number


def test_without_an_atasan_in_the_settings_the_answer_leaves_the_name_to_sign_by_hand(people, objection, letter_office):
    letter_office.atasan_official_name = ""
    letter_office.save(update_fields=["atasan_official_name"])
    answer = _answer(people, objection, outcome="rejected", body="Pengecualian sudah tepat.")
    text = " ".join(pdf_pages(pdf_bytes(answer.pdf)))
    assert people["atasan"].get_full_name() not in text and people["atasan"].username not in text
    assert "(......" in text


def test_the_longest_answer_keeps_its_signature_with_the_closing_paragraph(people, objection):
    body = ("Pertimbangan atasan PPID atas keberatan ini, dibaca bersama berkas permohonan. " * 260)[:20000]
    answer = _answer(people, objection, body=body, order_to_ppid="Serahkan dokumen anggaran. " * 180)
    pages = pdf_pages(pdf_bytes(answer.pdf))
    assert len(pages) > 1
    assert_signature_with_closing(pages, "Demikian tanggapan ini disampaikan", ATASAN_NIP_PRINTED)
    assert_signature_with_closing(pages, "Demikian tanggapan ini disampaikan", "Ir. Made Gede")


@pytest.mark.parametrize(
    "render, title", [(form_render, "PERNYATAAN KEBERATAN ATAS PERMOHONAN INFORMASI"), (receipt_render, "TANDA TERIMA PENGAJUAN KEBERATAN")]
)
def test_the_form_and_the_receipt_are_on_the_frame(objection, render, title):
    content = render(objection=objection)
    sample_keep("formulir-keberatan" if render is form_render else "tanda-terima-keberatan", content)
    text = " ".join(pdf_pages(content))
    for expected in ("PEMERINTAH KABUPATEN CONTOH", "PPID Kabupaten Contoh", title, objection.register_number, "Contoh, 19 Maret 2026", objection.requester.display_name):
        assert expected in text, expected
