"""A reviewer finds a request exempt under pasal 17 letter b, the PPID refuses it, and the requester
sees the refusal and the right to object. Every page visited is checked with axe-core."""

import re

import pytest
from django.contrib.auth.models import Group

from requests.models import InformationRequest
from tests.ppid.factories import TEST_PASSWORD, UnitFactory
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory


def logout(page):
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_reviewer_refuses_under_pasal_17_b_and_the_requester_sees_the_right_to_object(
    page, live_server, make_user, login, assert_accessible
):
    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    reviewer = make_user("classification_reviewer", unit=main)
    ppid = make_user("ppid", unit=main, first_name="Siti", last_name="Rahma")
    requester = RequesterFactory()
    request = InformationRequestFactory(
        requester=requester, unit=main, information_wanted="Dokumen penawaran seluruh peserta tender jalan 2026"
    )
    assert Group.objects.filter(name="requester", user=requester.user).exists()

    # The reviewer records the exemption review.
    login(page, reviewer.username, TEST_PASSWORD)
    page.get_by_role("link", name="Antrean kerja").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name=request.register_number).first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Uji konsekuensi").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Dikecualikan seluruhnya").check()
    page.get_by_label("Dasar pengecualian").select_option("pasal_17")
    page.get_by_label("Huruf pasal 17 UU KIP").select_option("b")
    page.get_by_label("Uji konsekuensi (akibat yang timbul bila informasi dibuka)").fill(
        "Membuka harga penawaran merugikan persaingan usaha yang sehat antarpeserta tender."
    )
    page.get_by_label("Uji kepentingan publik").fill("Kepentingan publik tidak lebih besar; hasil lelang sudah diumumkan.")
    page.locator("#id_considerations").fill("Dokumen memuat rahasia dagang peserta.")
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_load_state()
    assert "Hasil uji konsekuensi dicatat." in page.content()
    assert_accessible(page)
    logout(page)

    # The PPID issues the refusal decision.
    login(page, ppid.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/kelola/{request.pk}/")
    page.get_by_role("link", name="Putuskan dan terbitkan pemberitahuan").click()
    page.wait_for_load_state()
    assert "merugikan persaingan usaha" in page.locator("#uji-terakhir").inner_text()
    assert_accessible(page)
    page.get_by_label("Ditolak").check()
    page.get_by_role("button", name="Terbitkan pemberitahuan").click()
    page.wait_for_load_state()
    assert "Pemberitahuan tertulis diterbitkan." in page.content()
    assert_accessible(page)
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.DECIDED and request.decision == "refused"
    notice = request.notices.get()
    logout(page)

    # The requester sees the refusal, its reason and the right to object.
    login(page, requester.user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/saya/{request.pk}/proses/")
    page.wait_for_load_state()
    assert_accessible(page)
    notices = page.locator("#notices").inner_text()
    assert "Surat keputusan penolakan" in notices and notice.number in notices
    assert "pasal 17 huruf b" in notices
    assert "merugikan persaingan usaha" in notices
    right = page.locator(".right-to-object").inner_text()
    assert "keberatan" in right and "Atasan PPID" in right and "30 hari kerja" in right
    assert "Batas pengajuan keberatan kepada Atasan PPID" in page.locator("#ledger").inner_text()
    href = page.get_by_role("link", name=re.compile("Unduh surat keputusan penolakan")).get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_forward_extend_grant_and_hand_over_with_a_berita_acara(page, live_server, make_user, login, assert_accessible):
    from tests.requests.processing_helpers import PDF_BYTES

    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=main)
    ppid = make_user("ppid", unit=main)
    officer = make_user("ppid_pembantu", unit=health)
    requester = RequesterFactory()
    request = InformationRequestFactory(
        requester=requester, unit=main, information_wanted="Data cakupan imunisasi 2025", delivery_method="pick_up", obtain_method="hard_copy"
    )
    detail = f"{live_server.url}/permohonan/kelola/{request.pk}/"

    login(page, ppid.username, TEST_PASSWORD)
    page.goto(detail)
    assert_accessible(page)
    page.get_by_role("link", name="Teruskan ke PPID Pembantu").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Teruskan ke PPID Pembantu").select_option(label="Dinas Kesehatan")
    page.get_by_label("Catatan untuk unit").fill("Mohon data imunisasi per puskesmas")
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Perpanjang waktu").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Alasan perpanjangan").fill("Data masih direkap oleh puskesmas")
    page.get_by_role("button", name="Perpanjang dan terbitkan pemberitahuan").click()
    page.wait_for_load_state()
    assert "Diperpanjang pada" in page.locator("#ledger").inner_text()
    assert_accessible(page)
    logout(page)

    login(page, officer.username, TEST_PASSWORD)
    page.get_by_role("link", name="Antrean kerja").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Kembalikan bahan").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Catatan unit").fill("Data terlampir")
    page.set_input_files("#id_files", files=[{"name": "imunisasi.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_load_state()
    assert "Bahan informasi dikembalikan ke PPID." in page.content()
    logout(page)

    login(page, ppid.username, TEST_PASSWORD)
    page.goto(detail)
    assert "imunisasi.pdf" in page.content()
    page.get_by_role("link", name="Putuskan dan terbitkan pemberitahuan").click()
    page.wait_for_load_state()
    page.get_by_label("Diberikan seluruhnya").check()
    page.get_by_role("button", name="Terbitkan pemberitahuan").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Catat penyerahan informasi").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Berita acara serah terima").count() == 1
    page.get_by_role("link", name="Tutup permohonan").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Tutup").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "Selesai"
    logout(page)

    login(page, requester.user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/saya/{request.pk}/proses/")
    assert_accessible(page)
    notices = page.locator("#notices").inner_text()
    assert "Pemberitahuan perpanjangan waktu" in notices and "Diberikan seluruhnya" in notices
    assert "Data masih direkap oleh puskesmas" in page.locator("#ledger").inner_text()
    assert "imunisasi.pdf" not in page.content()  # the unit's working material stays internal
    href = page.get_by_role("link", name="Berita acara serah terima").get_attribute("href")
    assert page.request.get(f"{live_server.url}{href}").status == 200


@pytest.mark.django_db(transaction=True)
def test_the_other_confirmation_pages_are_accessible_and_a_setiap_saat_request_is_served_at_the_desk(
    page, live_server, make_user, login, assert_accessible
):
    from ppid.models import InformationItem

    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    desk = make_user("desk_officer", unit=main)
    ppid = make_user("ppid", unit=main)
    item = InformationItem.objects.create(title="Perbup tentang APBD 2026", unit=main, category="setiap_saat")
    requester = RequesterFactory()
    request = InformationRequestFactory(requester=requester, unit=main, dip_item=item, channel="walk_in", delivery_method="pick_up")
    base = f"{live_server.url}/permohonan/kelola/{request.pk}"

    login(page, ppid.username, TEST_PASSWORD)
    for path in ("tugaskan", "rapat-koordinasi"):
        page.goto(f"{base}/{path}/")
        assert_accessible(page)
    logout(page)

    login(page, desk.username, TEST_PASSWORD)
    page.goto(f"{base}/cabut/")
    assert_accessible(page)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Berikan langsung di meja layanan").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Putuskan dan serahkan").click()
    page.wait_for_load_state()
    assert "Informasi diputuskan dan diserahkan." in page.content()
    assert page.locator("#status").inner_text() == "Informasi sudah diserahkan"
    assert page.get_by_role("link", name="Berita acara serah terima").count() == 1
    logout(page)

    login(page, requester.user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/saya/{request.pk}/proses/")
    # The information was handed over: withdrawal is no longer offered, and its page says why.
    assert page.get_by_role("link", name="Cabut permohonan").count() == 0
    page.goto(f"{live_server.url}/permohonan/saya/{request.pk}/cabut/")
    assert "tidak dapat dicabut" in page.locator("#refusal").inner_text()
    assert_accessible(page)
