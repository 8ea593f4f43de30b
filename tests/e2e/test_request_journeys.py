"""Browser journeys of intake: online submission with the receipt, and a phone request at the desk."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from pdfminer.high_level import extract_text

from ppid.workdays import OfficeCalendar
from requests.models import InformationRequest
from tests.ppid.factories import TEST_PASSWORD
from tests.registry.factories import RequesterFactory


@pytest.mark.django_db(transaction=True)
def test_verified_requester_submits_online_and_downloads_the_receipt(page, live_server, office, login, assert_accessible):
    requester = RequesterFactory()
    page.goto(live_server.url + "/")
    assert_accessible(page)

    login(page, requester.user.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Ajukan permohonan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Ajukan permohonan informasi"
    assert_accessible(page)

    page.get_by_label("Rincian informasi yang dibutuhkan").fill("Laporan realisasi APBD 2025 per dinas")
    page.get_by_label("Tujuan penggunaan informasi").fill("Penelitian tesis")
    page.get_by_label("Salinan elektronik (softcopy)").check()
    page.get_by_label("Unduh dari portal").check()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()

    request = InformationRequest.objects.get()
    assert page.locator("#nomor-register").inner_text() == request.register_number
    assert page.locator("#batas-waktu").get_attribute("datetime") == request.notice_due.isoformat()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh tanda bukti penerimaan (PDF)").click()
    with open(download_info.value.path(), "rb") as pdf:
        text = " ".join(extract_text(io.BytesIO(pdf.read())).split())
    assert request.register_number in text
    assert request.tracking_code in text

    page.get_by_role("link", name="Permohonan saya", exact=True).click()
    page.wait_for_load_state()
    assert request.register_number in page.locator("table").inner_text()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_desk_officer_logs_a_phone_request_received_yesterday_after_closing(
    page, live_server, office, make_user, login, assert_accessible
):
    officer = make_user("desk_officer", unit=office["main"])
    RequesterFactory(user=None, full_name="Siti Aminah")
    calendar = OfficeCalendar()
    yesterday = calendar.local_date(timezone.now()) - dt.timedelta(days=1)
    closing = calendar.closing_time(yesterday)
    after_closing = (dt.datetime.combine(yesterday, closing) + dt.timedelta(minutes=30)).time()
    received = dt.datetime.combine(yesterday, after_closing, tzinfo=calendar.timezone)
    expected_due = calendar.add_working_days(calendar.receipt_date(received), 10)

    login(page, officer.username, TEST_PASSWORD)
    page.get_by_role("link", name="Catat permohonan").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.get_by_label("NIK, nama atau nomor telepon").fill("Aminah")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Pilih Siti Aminah").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.get_by_label("Saluran").select_option(label="Telepon")
    page.get_by_label("Tanggal diterima").fill(yesterday.isoformat())
    page.get_by_label("Jam diterima (WIB)").fill(after_closing.strftime("%H:%M"))
    page.get_by_label("Rincian informasi yang dibutuhkan").fill("Daftar penerima beasiswa daerah 2025")
    page.get_by_label("Tujuan penggunaan informasi").fill("Pengawasan masyarakat")
    page.get_by_label("Cara memperoleh informasi").select_option(label="Salinan cetak (hardcopy)")
    page.get_by_label("Cara mendapatkan salinan informasi").select_option(label="Mengambil langsung")
    page.get_by_role("button", name="Simpan permohonan").click()
    page.wait_for_load_state()

    request = InformationRequest.objects.get()
    assert request.received_at == received and request.channel == "phone"
    assert page.locator("#batas-waktu").get_attribute("datetime") == expected_due.isoformat()
    assert page.locator("#nomor-register").inner_text() == request.register_number
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_public_and_staff_pages_of_intake_are_accessible(page, live_server, office, make_user, login, assert_accessible):
    from ppid.law import InformationCategory
    from ppid.models import InformationItem
    from tests.requests.factories import InformationRequestFactory

    InformationItem.objects.create(title="Rekam medis pasien", unit=office["health"], category=InformationCategory.EXEMPT,
                                   legal_basis="UU KIP pasal 17 huruf h")
    InformationItem.objects.create(title="Laporan keuangan 2025", unit=office["main"], category=InformationCategory.PERIODIC)
    request = InformationRequestFactory(unit=office["main"])

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Daftar Informasi Publik").click()
    page.wait_for_load_state()
    assert "Rekam medis pasien" in page.locator("#daftar-informasi").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Laporan keuangan 2025").click()
    page.wait_for_load_state()
    assert_accessible(page)

    page.goto(live_server.url + "/maklumat-pelayanan/")
    assert_accessible(page)

    page.goto(f"{live_server.url}/permohonan/status/")
    page.get_by_label("Nomor register").fill(request.register_number)
    page.get_by_label("Kode pelacakan").fill(request.tracking_code)
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_load_state()
    assert page.locator("#status-permohonan").inner_text() == request.get_status_display()
    assert_accessible(page)

    officer = make_user("ppid", unit=office["main"])
    login(page, officer.username, TEST_PASSWORD)
    page.get_by_role("link", name="Buku register").click()
    page.wait_for_load_state()
    assert request.register_number in page.locator("table").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name=request.register_number).click()
    page.wait_for_load_state()
    assert_accessible(page)
