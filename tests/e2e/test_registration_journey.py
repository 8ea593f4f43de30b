"""A person registers, confirms the email, uploads a KTP, a verifier approves, the person sees it."""

import re

import pytest
from django.core import mail

from ppid.storage import PrivateFileSystemStorage
from registry.models import Requester
from tests.ppid.factories import TEST_PASSWORD
from tests.registry.files import jpeg_bytes

NIK = "3201014501900001"
PASSWORD = "Sandi-Panjang-2026"


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    from registry.models import IdentityDocument

    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(IdentityDocument._meta.get_field("file"), "storage", storage)


def click_and_wait(page, locator):
    locator.click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_person_registers_uploads_ktp_and_is_verified(page, live_server, make_user, login, assert_accessible, tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    verifier = make_user("verifier")

    page.goto(live_server.url + "/")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Daftar", exact=True))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name=re.compile("^Perorangan")))
    assert_accessible(page)

    for field, value in {
        "email": "siti@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Siti Aminah",
        "nik": NIK,
        "address": "Jl. Merdeka 1, Bojonegoro",
        "occupation": "Guru",
        "phone": "081234567890",
    }.items():
        page.locator(f"#id_{field}").fill(value)
    click_and_wait(page, page.get_by_role("button", name="Daftar"))
    assert "Periksa email Anda" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)

    # The confirmation email went through the locmem backend of this same process.
    link = re.search(r"https?://\S+/konfirmasi-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.wait_for_load_state()
    assert "Alamat email terkonfirmasi" in page.content()
    assert_accessible(page)

    login(page, NIK, PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Profil saya"))
    assert "Belum diajukan" in page.locator("#status-identitas").inner_text()
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Unggah dokumen"))
    assert_accessible(page)
    ktp = tmp_path / "ktp-siti.jpg"
    ktp.write_bytes(jpeg_bytes(size=(400, 250)))
    page.locator("#id_kind").select_option("ktp")
    page.locator("#id_file").set_input_files(str(ktp))
    click_and_wait(page, page.get_by_role("button", name="Unggah"))
    assert "Dokumen diunggah." in page.content()
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Ajukan verifikasi"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Ajukan verifikasi"))
    assert "Menunggu verifikasi" in page.locator("#status-identitas").inner_text()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Keluar"))

    login(page, verifier.username, TEST_PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Verifikasi", exact=True))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Siti Aminah"))
    assert NIK in page.content()  # a verifier sees the full NIK
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Setujui"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Setujui"))
    assert "Identitas pemohon disetujui." in page.content()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Keluar"))

    login(page, "siti@example.org", PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Profil saya"))
    assert page.locator("#status-identitas").inner_text() == "Terverifikasi"
    assert "3201********0001" in page.content()
    assert_accessible(page)
    assert Requester.objects.get(nik=NIK).verified_by == verifier


@pytest.mark.django_db(transaction=True)
def test_desk_officer_records_a_walk_in_requester_and_finds_them_again(page, live_server, make_user, login, assert_accessible):
    officer = make_user("desk_officer")
    login(page, officer.username, TEST_PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Cari pemohon"))
    assert_accessible(page)
    page.locator("#id_q").fill("3578010101800001")
    click_and_wait(page, page.get_by_role("button", name="Cari"))
    assert "Tidak ada pemohon yang cocok." in page.content()
    assert_accessible(page)

    click_and_wait(page, page.get_by_role("link", name="Catat pemohon baru: Perorangan"))
    assert page.locator("#id_nik").input_value() == "3578010101800001"
    assert_accessible(page)
    page.locator("#id_full_name").fill("Budi Santoso")
    page.locator("#id_phone").fill("081322223333")
    click_and_wait(page, page.get_by_role("button", name="Simpan pemohon"))
    assert "terverifikasi di meja layanan" in page.content()
    assert "Budi Santoso" in page.locator("table").inner_text()
    assert_accessible(page)
    requester = Requester.objects.get(nik="3578010101800001")
    assert requester.user is None and requester.verified_by == officer


@pytest.mark.django_db(transaction=True)
def test_verifier_rejects_with_a_reason_the_requester_reads(page, live_server, make_user, login, assert_accessible):
    from registry.services import requester_verification_submit
    from tests.registry.factories import RequesterFactory, document_add

    requester = RequesterFactory(verification_status="unverified", full_name="Rudi Hartono")
    document_add(requester)
    requester_verification_submit(requester=requester, actor=requester.user)
    verifier = make_user("verifier")

    login(page, verifier.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/pemohon/verifikasi/{requester.pk}/tolak/")
    assert_accessible(page)
    page.locator("#id_reason").fill("Foto KTP terpotong; unggah ulang seluruh kartu.")
    click_and_wait(page, page.get_by_role("button", name="Tolak"))
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Keluar"))

    login(page, requester.user.email, TEST_PASSWORD)
    click_and_wait(page, page.get_by_role("link", name="Profil saya"))
    assert page.locator("#status-identitas").inner_text() == "Ditolak"
    assert "Foto KTP terpotong" in page.locator("#alasan-penolakan").inner_text()
    assert_accessible(page)
