"""The requester's, the desk's and the PPID's journeys at 1280 px and on a 390 px phone.

Every page visited: axe-core finds nothing, the page does not scroll sideways, `lang` is set
(``assert_accessible``); key pages are written as screenshots for review (var/screenshots/).
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid import dip
from ppid.law import InformationCategory
from ppid.models import InformationItem
from registry.models import Requester
from requests.models import InformationRequest
from tests.e2e.helpers import logout, menu_open, nav_go, path_of
from tests.ppid.factories import TEST_PASSWORD
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory
from tests.requests.processing_helpers import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


def published_item(office, **fields):
    item = InformationItem(unit=office["main"], category=InformationCategory.PERIODIC, format="PDF", **fields)
    return dip.information_item_save(item=item, upload=SimpleUploadedFile("laporan.pdf", PDF_BYTES))


def test_requester_journey_from_the_dip_to_the_timeline(page, width, live_server, office, login, assert_accessible):
    item = published_item(office, title="Laporan Keuangan Pemerintah Daerah 2025", summary="LKPD yang telah diaudit BPK.")
    requester = RequesterFactory(full_name="Siti Rahmawati binti Abdul Rahman Hakim")
    unverified = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)

    page.goto(live_server.url + "/")
    assert_accessible(page, "beranda")
    nav_go(page, "Daftar Informasi Publik")
    assert_accessible(page, "dip-daftar")
    page.get_by_role("link", name=item.title, exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page, "dip-rincian")

    # Anonymous: the request link goes through the login page and back to a prefilled form.
    page.get_by_role("link", name="Ajukan permohonan untuk informasi ini").click()
    page.wait_for_load_state()
    assert path_of(page).startswith("/masuk/")
    assert_accessible(page, "masuk")
    page.locator("#id_username").fill(requester.user.username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_load_state()
    assert page.get_by_label("Rincian informasi yang dibutuhkan").input_value() == item.title
    assert page.get_by_label("Informasi dalam Daftar Informasi Publik (bila ada)").input_value() == str(item.pk)
    assert_accessible(page, "ajukan-permohonan")

    page.get_by_label("Tujuan penggunaan informasi").fill("Bahan kajian anggaran kesehatan")
    page.get_by_label("Salinan elektronik (softcopy)").check()
    page.get_by_label("Unduh dari portal").check()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()
    request = InformationRequest.objects.get()
    assert request.dip_item == item
    timeline = page.locator("#tahapan-permohonan")
    assert "Pemberitahuan tertulis dari PPID" in timeline.inner_text()
    assert timeline.locator("#tahap-notice time").get_attribute("datetime") == request.notice_due.isoformat()
    assert_accessible(page, "permohonan-rincian")

    nav_go(page, "Permohonan saya")
    assert request.register_number in page.locator("#daftar-permohonan-saya").inner_text()
    assert page.locator("[data-next-step]").get_attribute("data-next-step") == "submit_request"
    assert_accessible(page, "permohonan-saya")
    page.goto(f"{live_server.url}/permohonan/saya/{request.pk}/proses/")
    assert_accessible(page, "permohonan-proses")
    nav_go(page, "Kalender kerja")
    assert page.locator("#batas-jawaban").is_visible()
    assert_accessible(page, "kalender")

    # The public status page finds a register number typed in lower case.
    nav_go(page, "Cek status")
    page.get_by_label("Nomor register").fill(request.register_number.lower())
    page.get_by_label("Kode pelacakan").fill(request.tracking_code.lower())
    page.get_by_role("button", name="Lihat status").click()
    page.wait_for_load_state()
    assert page.locator("#status-permohonan").inner_text() == request.get_status_display()
    assert_accessible(page, "status")
    nav_go(page, "Profil saya")
    assert_accessible(page, "profil")
    logout(page)

    # An unverified requester lands on the next step and follows it to the upload page.
    login(page, unverified.user.username, TEST_PASSWORD)
    assert path_of(page) == "/permohonan/saya/"
    panel = page.locator("[data-next-step]")
    assert panel.get_attribute("data-next-step") == "upload_identity"
    assert_accessible(page, "langkah-unggah-ktp")
    panel.get_by_role("link", name="Unggah KTP").click()
    page.wait_for_load_state()
    assert path_of(page) == "/pemohon/dokumen/unggah/"
    assert_accessible(page, "unggah-ktp")
    nav_go(page, "Ajukan permohonan")
    alert = page.locator("#belum-terverifikasi")
    assert alert.get_by_role("link", name="Unggah KTP").get_attribute("href") == "/pemohon/dokumen/unggah/"
    assert_accessible(page, "ajukan-belum-terverifikasi")


def test_desk_journey_from_search_to_the_receipt(page, width, live_server, office, make_user, login, assert_accessible):
    officer = make_user("desk_officer", unit=office["main"], first_name="Sari", last_name="Wulandari Kusumaningrum")
    RequesterFactory(user=None, full_name="Siti Aminah")

    login(page, officer.username, TEST_PASSWORD)
    assert path_of(page) == "/permohonan/meja/catat/"
    assert_accessible(page, "meja-catat")

    # A person not found: the new-person form keeps the name just searched.
    page.get_by_label("NIK, nama atau nomor telepon").fill("Budi Santoso")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Daftarkan pemohon baru").click()
    page.wait_for_load_state()
    assert page.get_by_label("Nama sesuai KTP").input_value() == "Budi Santoso"
    assert_accessible(page, "meja-pemohon-baru")

    page.goto(live_server.url + "/permohonan/meja/catat/")
    page.get_by_label("NIK, nama atau nomor telepon").fill("Aminah")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_load_state()
    assert_accessible(page, "meja-hasil-cari")
    page.get_by_role("link", name="Pilih Siti Aminah").click()
    page.wait_for_load_state()
    assert_accessible(page, "meja-formulir")

    page.get_by_label("Saluran").select_option(label="Datang langsung")
    page.get_by_label("Rincian informasi yang dibutuhkan").fill("Daftar penerima beasiswa daerah 2025")
    assert "dari 5000 karakter" in page.locator("#id_information_wanted_counter").inner_text()
    page.get_by_label("Tujuan penggunaan informasi").fill("Pengawasan masyarakat")
    page.get_by_label("Cara memperoleh informasi").select_option(label="Salinan cetak (hardcopy)")
    page.get_by_label("Cara mendapatkan salinan informasi").select_option(label="Mengambil langsung")
    page.get_by_label("Dokumen identitas asli pemohon telah dilihat").check()
    page.get_by_role("button", name="Simpan permohonan").click()
    page.wait_for_load_state()
    request = InformationRequest.objects.get()
    assert page.locator("#nomor-register").inner_text() == request.register_number
    assert_accessible(page, "meja-rincian")

    nav_go(page, "Buku register")
    assert page.get_by_role("region", name="Buku register permohonan informasi").is_visible()
    assert_accessible(page, "register")
    nav_go(page, "Cari pemohon")
    assert_accessible(page, "cari-pemohon")
    nav_go(page, "Verifikasi")
    assert_accessible(page, "verifikasi")


def test_ppid_journey_sees_duplicates_and_decides(page, width, live_server, office, make_user, login, assert_accessible):
    ppid = make_user("ppid", unit=office["main"], first_name="Rina", last_name="Kartika")
    requester = RequesterFactory()
    first = InformationRequestFactory(requester=requester, unit=office["main"], information_wanted="Data stunting per desa 2025")
    second = InformationRequestFactory(requester=requester, unit=office["main"], information_wanted="Data stunting per desa tahun 2025")
    # An overdue request: its row in the queue and in the register is tinted, and its link must keep AA contrast.
    InformationRequestFactory(unit=office["main"], received_at=timezone.now() - dt.timedelta(days=40), assignee=ppid)

    login(page, ppid.username, TEST_PASSWORD)
    assert path_of(page) == "/permohonan/kelola/"
    assert_accessible(page, "antrean")
    page.get_by_role("link", name=second.register_number).first.click()
    page.wait_for_load_state()
    warning = page.locator("#kemungkinan-ganda")
    assert first.register_number in warning.inner_text()
    assert_accessible(page, "kelola-rincian")
    page.get_by_role("link", name="Putuskan dan terbitkan pemberitahuan").click()
    page.wait_for_load_state()
    assert_accessible(page, "putuskan")
    nav_go(page, "Kalender kerja")
    page.get_by_label("Tanggal diterima").fill("2026-03-11")
    page.get_by_label("Jam diterima (WIB)").fill("10:00")
    page.get_by_role("button", name="Hitung").click()
    page.wait_for_load_state()
    assert "Rabu, 1 April 2026" in page.locator("#hasil-tenggat").inner_text()
    assert_accessible(page, "kalender-petugas")
    nav_go(page, "Buku register")
    assert page.locator("tr.table-danger a").count() >= 1
    assert_accessible(page, "register-lewat-batas")


def test_error_pages_have_the_office_header_and_a_way_back(page, width, live_server, office, login, assert_accessible):
    requester = RequesterFactory()
    page.goto(live_server.url + "/tidak-ada/")
    assert page.get_by_role("heading", level=1).inner_text() == "Halaman tidak ditemukan"
    assert page.get_by_role("link", name="Ke beranda layanan informasi publik").is_visible()
    assert_accessible(page, "galat-404")

    login(page, requester.user.username, TEST_PASSWORD)
    response = page.goto(live_server.url + "/permohonan/kelola/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Akses tidak diizinkan"
    assert_accessible(page, "galat-403")

    page.goto(live_server.url + "/")
    menu_open(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/no-such-page/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(page, "galat-404-en")


@pytest.mark.parametrize("role", ["desk_officer", "ppid", "admin"])
def test_logged_in_header_fits_one_row_at_1280(page, live_server, office, make_user, login, role):
    user = make_user(role, unit=office["main"], first_name="Yohanes Bosco", last_name="Wicaksono Hadiningrat Putra")
    if role == "admin":
        user.is_superuser = user.is_staff = True
        user.save()
    login(page, user.username, TEST_PASSWORD)
    page.goto(live_server.url + "/")
    tops = page.locator("#menu-utama .nav-link").evaluate_all("links => links.map(l => Math.round(l.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, f"the menu wraps onto {len(set(tops))} rows"
    name = page.locator(".brand-band .account-name")
    line = float(name.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert name.bounding_box()["height"] < line * 1.5, "the user's name wraps"
    brand = page.locator(".brand-band .brand-row").bounding_box()
    assert brand["height"] < 100


def test_menu_collapses_on_a_phone_and_opens_with_its_button(page, live_server, office, assert_accessible):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 110  # the brand row only: the menu is folded away
    assert not page.locator("#menu-utama").is_visible()
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.bounding_box()["height"] >= 44
    toggle.click()
    page.locator("#menu-utama.show").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    links = page.locator("#menu-utama .nav-link")
    assert all(box["height"] >= 44 for box in links.evaluate_all("ls => ls.map(l => l.getBoundingClientRect().toJSON())"))
    assert_accessible(page, "menu-terbuka")


def test_dip_table_shows_the_exemption_column_on_a_phone(page, live_server, office):
    InformationItem.objects.create(title="Rekam medis pasien", unit=office["health"], category=InformationCategory.EXEMPT,
                                   legal_basis="UU KIP pasal 17 huruf h")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/informasi-publik/")
    cell = page.get_by_text("UU KIP pasal 17 huruf h")
    assert cell.is_visible()
    box = cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert re.search("Dasar hukum pengecualian", cell.evaluate("el => getComputedStyle(el, '::before').content"))
