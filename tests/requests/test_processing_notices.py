"""Each notice's PDF, read back with pdfminer.six, carries the fields the law requires."""

import datetime as dt

import pytest

from requests.models import Decision
from requests.services import decision, extension, fulfilment, review as review_services
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    NEXT_DAY,
    WIB,
    dip_item,
    exempt_review,
    fast_password_hashing,
    make_request,
    pdf_text,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def test_refusal_decision_states_the_exemption_harm_test_and_right_to_object_within_30_working_days(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"], dip_item=dip_item(office, category="dikecualikan", title="Dokumen penawaran tender"))
    meeting = review_services.meeting_record(
        request_id=request.pk, held_on=dt.date(2026, 3, 12), attendees="PPID Utama; Bappeda", summary="Sepakat dikecualikan",
        actor=people["ppid"], now=NEXT_DAY,
    )
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, meeting=meeting, actor=people["ppid"], now=NEXT_DAY)
    text = pdf_text(notice.pdf)
    assert "Siti Rahma" not in text  # the PPID staff member who clicked does not sign: the office's PPID does
    for expected in (
        "TENTANG PENOLAKAN PERMOHONAN INFORMASI PUBLIK",
        "0001/SK-PPID/III/2026",  # a decision: its own series, apart from the notices
        request.register_number,
        request.requester.full_name,
        "Laporan realisasi anggaran 2025",
        "Permohonan informasi ditolak",
        "pasal 17 huruf b. mengganggu kepentingan perlindungan hak atas kekayaan intelektual",
        "Hasil uji konsekuensi",
        "merugikan persaingan usaha yang sehat",
        "Uji kepentingan publik",
        "Dokumen penawaran tender",
        "Sepakat dikecualikan",
        "keberatan",
        "Atasan PPID",
        "30 hari kerja",
        # 12 March + 30 working days, past Nyepi, cuti bersama, Idul Fitri, Good Friday and 1 May.
        "4 Mei 2026",
        "pasal 35",
        "12 Maret 2026",
        "Tidak ada (permohonan ditolak)",
        "Salinan elektronik (softcopy)",
        "Email",
        "Rp 0",
    ):
        assert expected in text, expected


def test_grant_notice_states_material_format_delivery_method_and_copying_cost(office, people):
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk,
        decision=Decision.GRANTED,
        material="Laporan realisasi anggaran 2025, 12 halaman",
        format="hard_copy",
        delivery_method="pick_up",
        copy_fee=6000,
        actor=people["ppid"],
        now=NEXT_DAY,
    )
    text = pdf_text(notice.pdf)
    for expected in (
        "Pemberitahuan tertulis atas permohonan informasi publik",
        notice.number,
        "Diberikan seluruhnya",
        "Dikuasai",
        "Laporan realisasi anggaran 2025, 12 halaman",
        "Salinan cetak (hardcopy)",
        "Mengambil langsung",
        "Rp 6.000",
        "pasal 22 ayat (7)",
    ):
        assert expected in text, expected
    assert "diterbitkan setelah batas waktu" not in text


def test_partly_granted_notice_says_what_is_blacked_out_and_why(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"], outcome="partly_exempt", letter="h")
    notice = decision.request_decide(
        request_id=request.pk,
        decision=Decision.PARTLY_GRANTED,
        material="Daftar penerima bantuan",
        withheld="NIK dan alamat penerima dihitamkan: rahasia pribadi",
        actor=people["ppid"],
        now=NEXT_DAY,
    )
    text = pdf_text(notice.pdf)
    for expected in (
        "Diberikan sebagian",
        "NIK dan alamat penerima dihitamkan: rahasia pribadi",
        "pasal 17 huruf h. mengungkap rahasia pribadi",
        "Hasil uji konsekuensi",
        "keberatan",
        "30 hari kerja",
    ):
        assert expected in text, expected


def test_not_held_notice_names_the_body_that_holds_the_information(office, people):
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.NOT_HELD, holding_body="Badan Pusat Statistik Kabupaten", actor=people["ppid"], now=NEXT_DAY
    )
    text = pdf_text(notice.pdf)
    assert "Informasi tidak dikuasai" in text and "Tidak dikuasai" in text
    assert "Badan Pusat Statistik Kabupaten" in text


def test_a_late_notice_says_it_was_issued_after_the_due_date(office, people):
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material="Laporan", actor=people["ppid"], now=dt.datetime(2026, 4, 6, 9, tzinfo=WIB)
    )
    text = pdf_text(notice.pdf)
    assert "diterbitkan setelah batas waktu" in text and "1 April 2026" in text


def test_extension_notice_states_the_reason_and_the_new_due_date(office, people):
    request = make_request()
    notice = extension.request_extend(request_id=request.pk, reason="Dokumen tersimpan di arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    text = pdf_text(notice.pdf)
    for expected in ("Perpanjangan jangka waktu pemberitahuan tertulis", notice.number, "Dokumen tersimpan di arsip inaktif", "13 April 2026", "pasal 22 ayat (8)", "7 hari kerja"):
        assert expected in text, expected


def test_handover_record_has_the_material_the_recipient_and_signature_lines(office, people):
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material="Laporan realisasi anggaran 2025", actor=people["ppid"], now=NEXT_DAY
    )
    delivery = fulfilment.request_fulfil(
        request_id=request.pk, method="pick_up", recipient_name="Budi Santoso", actor=people["desk"], now=NEXT_DAY
    )
    text = pdf_text(delivery.handover_pdf)
    for expected in (
        "BERITA ACARA SERAH TERIMA INFORMASI PUBLIK",
        "Kamis, 12 Maret 2026",
        notice.number,
        "Laporan realisasi anggaran 2025",
        "Mengambil langsung",
        "Budi Santoso",
        "Yang menerima",
        "Yang menyerahkan",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("method", ["post", "pick_up"])
def test_a_refusal_sent_by_post_or_handed_over_counts_the_objection_window_from_receipt_not_a_printed_date(office, people, method):
    request = make_request(delivery_method=method)
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    text = pdf_text(notice.pdf)
    assert "30 hari kerja sejak surat ini diterima" in text
    # 12 March + 30 working days is 4 May 2026: a date counted from the issue day, not from receipt.
    assert "paling lambat" not in text and "4 Mei 2026" not in text


@pytest.mark.parametrize("kind", [Decision.PARTLY_GRANTED, Decision.NOT_HELD])
def test_a_posted_notice_prints_no_objection_date_counted_from_its_issue_day(office, people, kind):
    request = make_request()
    exempt_review(request, people["reviewer"], outcome="partly_exempt")
    notice = decision.request_decide(
        request_id=request.pk, decision=kind, material="Daftar penerima", withheld="NIK dihitamkan",
        delivery_method="post", actor=people["ppid"], now=NEXT_DAY,
    )
    text = pdf_text(notice.pdf)
    assert "30 hari kerja sejak surat ini diterima" in text
    assert "paling lambat" not in text and "4 Mei 2026" not in text


@pytest.mark.parametrize("method", ["email", "download"])
def test_a_refusal_sent_by_email_or_download_prints_the_objection_deadline(office, people, method):
    request = make_request(delivery_method=method)
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    text = pdf_text(notice.pdf)
    assert "sejak surat ini diterima, yaitu paling lambat 4 Mei 2026" in text
