"""Browser check (axe, Content-Security-Policy) of the report page, a drill-down and the public statistics page."""

import pytest
import time_machine

from ppid.models import GeneratedFile
from tests.ppid.factories import TEST_PASSWORD
from tests.reports.factories import october_world


@pytest.mark.django_db(transaction=True)
def test_report_page_and_its_drilldown_pass_axe(page, width, live_server, office, make_user, login, assert_accessible):
    officer = make_user("ppid", unit=office["main"])
    october_world(office, officer)
    login(page, officer.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/laporan/?periode=2025-10")
    assert page.get_by_role("heading", name="Permohonan menurut saluran").is_visible()
    assert page.locator("svg.report-chart").count() >= 10
    assert_accessible(page, screenshot="report-month")
    page.get_by_role("link", name="4 — lihat daftar permohonan: Daring (portal)").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Permohonan menurut saluran: Daring (portal)").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/laporan/?jenis=year&tahun=2025")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_report_pdf_is_asked_for_with_a_button_and_followed_on_its_progress_page(
    page, live_server, office, make_user, login, assert_accessible, monkeypatch
):
    monkeypatch.setattr("ppid.generated._dispatch", lambda job_id: None)  # no worker: the job waits (built in tests/reports)
    officer = make_user("ppid", unit=office["main"])
    login(page, officer.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/laporan/pdf/?periode=2025-10")  # an old link to the PDF asks first
    assert_accessible(page)
    page.get_by_role("link", name="Batal").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Buat PDF").click()
    page.wait_for_load_state()
    assert page.locator("#status-berkas").inner_text() == "Menunggu giliran"
    assert GeneratedFile.objects.get(owner=officer).params == {"period": "2025-10", "unit_id": None}
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_public_statistics_page_passes_axe(page, width, live_server, office, make_user, assert_accessible, settings):
    settings.PPID_PUBLIC_MIN_COUNT = 3
    october_world(office, make_user("ppid", unit=office["main"]))
    with time_machine.travel("2025-12-15T10:00:00+07:00", tick=True):
        page.goto(f"{live_server.url}/kinerja-layanan/")
        assert page.get_by_role("heading", name="Kinerja layanan informasi publik 2025").is_visible()
        assert page.get_by_role("cell", name="< 3").first.is_visible()
        assert_accessible(page, screenshot="public-statistics")
