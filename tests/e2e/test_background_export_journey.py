"""Browser journey: an officer asks for the register's XLSX, follows its progress on a page refreshed by a
static script (no inline script: CSP), leaves, and finds the file later in "Unduhan saya"."""

import datetime as dt

import pytest

from ppid.generated import generated_file_build
from ppid.models import GeneratedFile
from tests.ppid.factories import TEST_PASSWORD
from tests.requests.factories import InformationRequestFactory


@pytest.mark.django_db(transaction=True)
def test_officer_queues_the_register_xlsx_and_downloads_it_when_ready(
    page, live_server, office, make_user, login, assert_accessible, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr("ppid.generated._dispatch", lambda job_id: None)  # no worker yet: the job waits
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(tmp_path), "base_url": None}}}
    InformationRequestFactory(information_wanted="Data anggaran puskesmas")
    officer = make_user("ppid", unit=office["main"])
    login(page, officer.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/register/")
    assert_accessible(page)
    page.get_by_role("link", name="Ekspor XLSX").click()
    assert_accessible(page)
    page.get_by_role("button", name="Buat berkas").click()
    page.wait_for_load_state()
    job = GeneratedFile.objects.get(owner=officer)
    assert page.locator("#status-berkas").inner_text() == "Menunggu giliran"
    assert not page.locator("#unduh-berkas").is_visible()
    assert_accessible(page)

    generated_file_build(file_id=job.pk, now=dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc))  # as the worker would
    page.locator("#unduh-berkas").wait_for(state="visible", timeout=10000)  # the script saw it finish
    assert page.locator("#status-berkas").inner_text() == "Siap diunduh"

    page.get_by_role("link", name="Unduhan saya").first.click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh", exact=True).click()
    assert download.value.suggested_filename.endswith(".xlsx")
