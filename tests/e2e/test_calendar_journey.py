import pytest

from tests.ppid.factories import TEST_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_desk_officer_logs_in_and_uses_the_calendar_calculator(page, live_server, make_user, login, assert_accessible):
    officer = make_user("desk_officer")
    page.goto(live_server.url + "/")
    assert_accessible(page)

    login(page, officer.username, TEST_PASSWORD)
    page.get_by_role("link", name="Kalender kerja", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Kalender kerja")
    assert_accessible(page)

    page.get_by_label("Tanggal diterima").fill("2026-03-11")
    page.get_by_label("Jam diterima (WIB)").fill("10:00")
    page.get_by_role("button", name="Hitung").click()
    page.wait_for_load_state()
    results = page.locator("#hasil-tenggat")
    assert "Rabu, 1 April 2026" in results.inner_text()
    assert_accessible(page)
