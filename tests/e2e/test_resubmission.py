"""Submitted twice: back and resubmit shows the request already made, and a second identical request
is created only when the requester confirms it; the PPID sees the duplicate on the processing page."""

import pytest

from requests.models import InformationRequest
from tests.e2e.helpers import logout
from tests.ppid.factories import TEST_PASSWORD
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db(transaction=True)

WANTED = "Rekapitulasi pengaduan layanan air bersih 2025"


def fill_and_send(page):
    page.get_by_label("Rincian informasi yang dibutuhkan").fill(WANTED)
    page.get_by_label("Tujuan penggunaan informasi").fill("Advokasi warga")
    page.get_by_label("Salinan elektronik (softcopy)").check()
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()


def test_back_and_resubmit_shows_the_existing_request_and_a_second_needs_confirming(
    page, live_server, office, make_user, login, assert_accessible
):
    requester = RequesterFactory()
    login(page, requester.user.username, TEST_PASSWORD)
    form_url = f"{live_server.url}/permohonan/ajukan/"
    page.goto(form_url)
    fill_and_send(page)
    first = InformationRequest.objects.get()

    # The back button and "Kirim" again: whatever the browser kept, no second request.
    page.go_back()
    page.wait_for_load_state()
    if not page.get_by_label("Rincian informasi yang dibutuhkan").input_value():
        fill_and_send(page)
    else:
        page.get_by_role("button", name="Kirim permohonan").click()
        page.wait_for_load_state()
    assert InformationRequest.objects.count() == 1

    # The same information from a fresh form: the existing request is shown, focused, nothing created.
    page.goto(form_url)
    fill_and_send(page)
    assert InformationRequest.objects.count() == 1
    notice = page.locator("#permohonan-sama")
    assert first.register_number in notice.inner_text()
    assert page.evaluate("document.activeElement.id") == "permohonan-sama"
    assert notice.get_by_role("link", name="Lihat permohonan yang sudah ada").get_attribute("href") == f"/permohonan/saya/{first.pk}/"
    assert_accessible(page, "permohonan-sama")

    notice.get_by_role("button", name="Tetap ajukan permohonan kedua").click()
    page.wait_for_load_state()
    assert InformationRequest.objects.count() == 2
    second = InformationRequest.objects.exclude(pk=first.pk).get()
    assert page.locator("#nomor-register").inner_text() == second.register_number
    logout(page)

    ppid = make_user("ppid", unit=office["main"])
    login(page, ppid.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/kelola/{second.pk}/")
    warning = page.locator("#kemungkinan-ganda")
    assert first.register_number in warning.inner_text()
    assert "menyatakan tetap mengajukan permohonan kedua" in warning.inner_text()
    assert_accessible(page)
