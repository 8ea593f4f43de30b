"""Every page of the portal on a 390 px phone: nothing scrolls sideways and axe-core finds nothing.

The journeys (test_journeys_by_width.py) walk the main paths at both widths; this walks the rest:
each role's pages, the confirmation pages of the back office, the account pages.
"""

import pytest

from ppid.law import InformationCategory
from ppid.models import InformationItem
from registry.models import Requester
from tests.ppid.factories import TEST_PASSWORD
from tests.registry.factories import RequesterFactory, document_add
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def visit_all(page, live_server, paths, assert_accessible):
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path}: {response.status}"
        assert_accessible(page)


def test_public_and_account_pages_on_a_phone(page, live_server, office, assert_accessible):
    import datetime as dt

    from ppid.models import IssuedDocument

    IssuedDocument.objects.create(
        token="kode-ponsel", kind="notice_refusal", title="Surat keputusan penolakan", number="0001/SK-PPID/III/2026",
        issued_on=dt.date(2026, 3, 12), sha256="ab" * 32,
    )
    page.set_viewport_size(PHONE)
    visit_all(page, live_server, [
        "/verifikasi-surat/kode-ponsel/", f"/verifikasi-surat/kode-ponsel/?sha256={'cd' * 32}",
        "/maklumat-pelayanan/", "/permohonan/status/", "/pemohon/daftar/", "/pemohon/daftar/person/",
        "/pemohon/daftar/legal_entity/", "/pemohon/daftar/community_group/", "/pemohon/daftar/kirim-ulang/",
        "/pemohon/daftar/terkirim/", "/sandi/lupa/", "/kalender-kerja/?tahun=2026&received_on=2026-03-11&received_time=17:00",
    ], assert_accessible)


def test_requester_pages_on_a_phone(page, live_server, office, login, assert_accessible):
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED, full_name="Rahmawati Kusumaningtyas Wijayakusuma")
    document_add(requester)
    request = InformationRequestFactory(requester=requester, unit=office["main"], information_wanted="x" * 4000)
    page.set_viewport_size(PHONE)
    login(page, requester.user.username, TEST_PASSWORD)
    visit_all(page, live_server, [
        "/pemohon/profil/", "/pemohon/profil/ubah/", "/pemohon/dokumen/unggah/", "/pemohon/profil/ajukan-verifikasi/",
        f"/permohonan/saya/{request.pk}/", f"/permohonan/saya/{request.pk}/proses/", f"/permohonan/saya/{request.pk}/cabut/",
    ], assert_accessible)


def test_back_office_pages_on_a_phone(page, live_server, office, make_user, login, assert_accessible):
    ppid = make_user("ppid", unit=office["main"])
    desk = make_user("desk_officer", unit=office["main"])
    item = InformationItem.objects.create(title="Perbup APBD 2026", unit=office["main"], category=InformationCategory.ANY_TIME)
    request = InformationRequestFactory(unit=office["main"], dip_item=item, channel="walk_in", delivery_method="pick_up")
    pending = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document_add(pending)
    pending.verification_status = Requester.Verification.PENDING
    pending.save(update_fields=["verification_status"])
    base = f"/permohonan/kelola/{request.pk}"
    page.set_viewport_size(PHONE)

    login(page, ppid.username, TEST_PASSWORD)
    visit_all(page, live_server, [
        f"{base}/", f"{base}/tugaskan/", f"{base}/teruskan/", f"{base}/uji-konsekuensi/", f"{base}/rapat-koordinasi/",
        f"{base}/perpanjang/", f"{base}/putuskan/", "/informasi-publik/tambah/", f"/informasi-publik/{item.pk}/ubah/",
        f"/permohonan/meja/{request.pk}/", f"/permohonan/meja/catat/?requester={request.requester.pk}",
        "/informasi-publik/dikecualikan/penetapan/",
    ], assert_accessible)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()

    login(page, desk.username, TEST_PASSWORD)
    visit_all(page, live_server, [
        f"{base}/layani-langsung/", f"{base}/cabut/", "/pemohon/verifikasi/", f"/pemohon/verifikasi/{pending.pk}/",
        f"/pemohon/verifikasi/{pending.pk}/setujui/", f"/pemohon/verifikasi/{pending.pk}/tolak/",
        "/pemohon/meja/cari/?q=Pemohon", "/pemohon/meja/baru/?jenis=legal_entity", f"/pemohon/meja/{pending.pk}/verifikasi/",
        "/permohonan/register/",
    ], assert_accessible)
