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
