"""Every letter the office issues, read back from its PDF: the frame (kop, number, place and date of
signing, signatory with NIP, verification QR) and the fields the law asks of each document."""

import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse

from ppid.models import IssuedDocument
from requests.models import Decision
from requests.services import decision, extension, fulfilment, notices
from tests.requests.letters_helpers import letter_office, pdf_bytes, pdf_pages, sample_keep  # noqa: F401
from tests.requests.processing_helpers import (  # noqa: F401 (autouse and fixtures)
    NEXT_DAY,
    WIB,
    dip_item,
    exempt_review,
    fast_password_hashing,
    make_request,
    private_media,
    staff,
)

pytestmark = pytest.mark.django_db

KOP = ["PEMERINTAH KABUPATEN CONTOH", "PPID Kabupaten Contoh", "Jl. Merdeka No. 1, Contoh 12345", "ppid@contohkab.go.id"]
PPID_SIGNATURE = ["Contoh, 12 Maret 2026", "Kepala Dinas Komunikasi dan Informatika", "Dra. Wayan Sari, M.Si.", "NIP. 19780315 200501 1 002"]
# "diterima" is the received moment (with its zone), "mulai dihitung" the clock start: named alike on every document.
RECEIVED = ["Permohonan diterima Rabu, 11 Maret 2026 pukul 10.00 WIB", "Jangka waktu mulai dihitung Rabu, 11 Maret 2026"]


def _granted(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB))
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material="Laporan realisasi anggaran 2025", format="hard_copy",
        delivery_method="pick_up", copy_fee=6000, payment_method="Tunai di meja layanan PPID", actor=people["ppid"], now=NEXT_DAY,
    )
    return request, notice.pdf, [
        "Nomor", notice.number, "Sifat", "Biasa", "Lampiran", "Perihal", "Pemberitahuan tertulis atas permohonan informasi publik",
        "Kepada Yth.", request.requester.display_name, "Jl. Contoh No. 1", request.requester.phone, "pasal 22 ayat (7)",
        "Rp 6.000", "Cara pembayaran", "Tunai di meja layanan PPID", "Mengambil langsung", "Salinan cetak (hardcopy)",
        "Demikian pemberitahuan ini disampaikan",
    ]


def _partly(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB))
    exempt_review(request, people["reviewer"], outcome="partly_exempt", letter="h")
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.PARTLY_GRANTED, material="Daftar penerima bantuan", withheld="NIK dihitamkan",
        delivery_method="email", actor=people["ppid"], now=NEXT_DAY,
    )
    return request, notice.pdf, [
        "Diberikan sebagian", "NIK dihitamkan", "Uji kepentingan publik", "Kepentingan publik tidak lebih besar",
        "Hasil uji konsekuensi", "Sekretaris Daerah", "Ir. Made Gede", "paling lambat 4 Mei 2026", "Tidak ada pembayaran",
    ]


def _refusal(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB), delivery_method="email")
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    return request, notice.pdf, [
        "TENTANG PENOLAKAN PERMOHONAN INFORMASI PUBLIK", "0001/SK-PPID/III/2026", "pasal 17 huruf b", "Uji kepentingan publik",
        "Atasan PPID (Sekretaris Daerah, Ir. Made Gede)", "paling lambat 4 Mei 2026", "Tembusan", "Arsip",
        "Demikian keputusan ini ditetapkan",
    ]


def _extension(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB))
    notice = extension.request_extend(request_id=request.pk, reason="Dokumen di arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    return request, notice.pdf, [
        "Perpanjangan jangka waktu pemberitahuan tertulis", "semula", "Rabu, 1 April 2026", "yang baru", "Senin, 13 April 2026",
        "Dokumen di arsip inaktif", "pasal 22 ayat (8)", "Kepada Yth.",
    ]


def _handover(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB))
    notice = decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Laporan", actor=people["ppid"], now=NEXT_DAY)
    delivery = fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="Budi Santoso", actor=people["desk"], now=NEXT_DAY)
    return request, delivery.handover_pdf, [
        "BERITA ACARA SERAH TERIMA INFORMASI PUBLIK", "0001/BA-PPID/III/2026", notice.number, "Kamis, 12 Maret 2026 pukul 10.00 WIB",
        "Budi Santoso", "Yang menerima", "Yang menyerahkan", "Desk Officer", "Petugas meja layanan", "Contoh, 12 Maret 2026",
    ]


def _proof_of_sending(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB), delivery_method="post")
    decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Laporan", actor=people["ppid"], now=NEXT_DAY)
    delivery = fulfilment.request_fulfil(
        request_id=request.pk, method="post", proof_note="Resi POS 1234567890", actor=people["desk"], now=NEXT_DAY
    )
    return request, delivery.handover_pdf, [
        "BUKTI PENGIRIMAN INFORMASI PUBLIK", delivery.number, "Cara pengiriman", "Pos", "Resi POS 1234567890", "Yang mengirimkan",
        "Desk Officer",
    ]


def _reissued(people):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB), delivery_method="post")
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    notice = notices.notice_receipt_record(
        notice_id=notice.pk, received_on=dt.date(2026, 3, 16), actor=people["desk"], now=dt.datetime(2026, 3, 16, 11, tzinfo=WIB)
    )
    return request, notice.pdf, ["diterbitkan ulang", "Diterima pemohon pada", "Senin, 16 Maret 2026", "paling lambat"]


def _desk_grant(people, office):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB), dip_item=dip_item(office, category="setiap_saat", title="Perda APBD 2026"))
    fulfilment.request_grant_at_desk(
        request_id=request.pk, material="Perda APBD 2026", recipient_name="Budi Santoso", actor=people["desk"], now=NEXT_DAY
    )
    return request, request.notices.get().pdf, ["Diberikan seluruhnya", "Perda APBD 2026", "Informasi tersedia setiap saat"]


DOCUMENTS = {
    "pemberitahuan-dikabulkan": _granted,
    "pemberitahuan-sebagian": _partly,
    "sk-penolakan": _refusal,
    "perpanjangan-waktu": _extension,
    "berita-acara-serah-terima": _handover,
    "bukti-pengiriman": _proof_of_sending,
    "pemberitahuan-terbit-ulang": _reissued,
    "pemberitahuan-di-meja-layanan": _desk_grant,
}


@pytest.fixture
def people(office, make_user):
    people = staff(office, make_user)
    people["desk"].first_name, people["desk"].last_name, people["desk"].position = "Desk", "Officer", "Petugas meja layanan"
    people["desk"].save()
    return people


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_letter_prints_the_frame_and_its_required_fields(name, letter_office, office, people, private_media):
    build = DOCUMENTS[name]
    request, pdf, fields = build(people, office) if build is _desk_grant else build(people)
    content = pdf_bytes(pdf)
    sample_keep(name, content)
    text = " ".join(pdf_pages(content))
    signature = PPID_SIGNATURE if "berita-acara" not in name and "bukti" not in name else []
    for expected in [*KOP, *RECEIVED, *signature, *fields, "verifikasi-surat/"]:
        assert expected in text, (name, expected)
    # Signed by the office it speaks for: never the clerk or PPID staff member who clicked.
    if signature:
        assert "Siti Rahma" not in text and "Desk Officer" not in text
    # The register of issued letters holds the PDF's hash as stored.
    token = re.search(r"verifikasi-surat/([A-Za-z0-9_-]+)/", text).group(1)
    assert IssuedDocument.objects.get(token=token).sha256 == hashlib.sha256(content).hexdigest()


def test_refusals_have_their_own_number_series_apart_from_notices(letter_office, people, private_media):
    _, granted_pdf, _ = _granted(people)
    _, refusal_pdf, _ = _refusal(people)
    assert "0001/SP-PPID/III/2026" in " ".join(pdf_pages(pdf_bytes(granted_pdf)))
    assert "0001/SK-PPID/III/2026" in " ".join(pdf_pages(pdf_bytes(refusal_pdf)))


def test_a_reissued_notice_supersedes_the_first_in_the_register_of_letters(letter_office, people, private_media):
    _reissued(people)
    first, second = IssuedDocument.objects.order_by("id")
    assert first.number == second.number and first.superseded_by == second and first.sha256 != second.sha256


@pytest.mark.parametrize(
    "url_name, name, fields",
    [
        ("requests:desk-receipt", "tanda-bukti-penerimaan", ["TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK", "Kode pelacakan", "Batas pemberitahuan tertulis"]),
        ("requests:desk-form", "formulir-permohonan", ["FORMULIR PERMOHONAN INFORMASI PUBLIK", "Cara memperoleh informasi", "Tanda bukti penerimaan"]),
    ],
)
def test_intake_documents_print_the_frame_with_the_received_moment_and_its_zone(client_for, letter_office, url_name, name, fields):
    request = make_request(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB))
    response = client_for("desk_officer").get(reverse(url_name, args=[request.pk]))
    sample_keep(name, response.content)
    text = " ".join(pdf_pages(response.content))
    for expected in [*KOP, *RECEIVED, "Contoh, 11 Maret 2026", request.register_number, "Petugas pelayanan informasi", "Pemohon informasi", *fields]:
        assert expected in text, (name, expected)


@pytest.mark.parametrize("zone, abbreviation", [("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")])
def test_time_inputs_name_the_office_zone(client_for, office, settings, zone, abbreviation):
    from tests.registry.factories import RequesterFactory

    settings.TIME_ZONE = zone
    requester = RequesterFactory(user=None)
    page = client_for("desk_officer").get(reverse("requests:desk-create"), {"requester": requester.pk}).content.decode()
    assert f"Jam diterima ({abbreviation})" in page and "waktu kantor" not in page
    assert f"Jam diterima ({abbreviation})" in client_for("desk_officer").get(reverse("working-calendar")).content.decode()


def test_a_stand_in_signs_the_letters_dated_within_their_assignment(letter_office, people, private_media):
    letter_office.ppid_standin_name, letter_office.ppid_standin_nip = "Ketut Arya, S.Sos.", "198205102008011003"
    letter_office.ppid_standin_kind, letter_office.ppid_standin_from = "Plh.", dt.date(2026, 3, 12)
    letter_office.ppid_standin_until = dt.date(2026, 3, 13)
    letter_office.save()
    _, pdf, _ = _extension(people)
    text = " ".join(pdf_pages(pdf_bytes(pdf)))
    assert "Plh. Kepala Dinas Komunikasi dan Informatika" in text and "Ketut Arya, S.Sos." in text
    assert "NIP. 19820510 200801 1 003" in text and "Dra. Wayan Sari" not in text
