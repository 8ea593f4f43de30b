"""Keyboard only: an online request and a desk intake done without the mouse. Every element that
receives focus on the way shows a visible focus indicator; a failed submit moves focus to the
error summary, whose links move focus to the field."""

import pytest

from requests.models import InformationRequest
from tests.ppid.factories import TEST_PASSWORD
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing focused";
  // The calendar button inside a date or time field has focus: the browser draws its own ring.
  if (/^(date|time|datetime-local)$/.test(el.type) && !el.matches(":focus")) return "";
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== "none";
  return outline || ring ? "" : `${el.tagName.toLowerCase()}#${el.id} has no visible focus`;
}"""


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, *, limit: int = 60, backwards: bool = False):
    """Press Tab until the element matching ``selector`` has focus, checking each stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        problem = page.evaluate(FOCUS_SHOWN)
        assert not problem, problem
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} never received focus by keyboard")


def press_and_load(page, key="Enter"):
    """A key that submits a form or follows a link: wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def keyboard_login(page, url, username):
    page.goto(url)
    assert focused(page, "#id_username")  # the login form starts in the right place
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    press_and_load(page)


def test_online_request_by_keyboard_only(page, live_server, office, assert_accessible):
    requester = RequesterFactory()
    keyboard_login(page, f"{live_server.url}/masuk/?next=/permohonan/ajukan/", requester.user.username)

    # The skip link is the first stop and takes focus to the content.
    page.keyboard.press("Tab")
    assert focused(page, ".skip-link") and page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert focused(page, "main")

    tab_to(page, "#id_information_wanted")
    wanted = "Daftar hibah dan bantuan sosial tahun 2025 beserta penerimanya"
    page.keyboard.type(wanted)
    counter = page.locator("#id_information_wanted_counter")
    assert counter.inner_text().startswith(f"{len(wanted)} dari 5000 karakter")
    tab_to(page, "#id_obtain_method_0")
    page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys
    assert page.get_by_label("Salinan elektronik (softcopy)").is_checked()
    tab_to(page, "[name=delivery_method]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    press_and_load(page)

    # The purpose was left out: focus is on the summary, and its link leads to the field.
    summary = page.locator("[data-error-summary]")
    assert focused(page, "[data-error-summary]") and "Tujuan penggunaan informasi" in summary.inner_text()
    assert_accessible(page, "galat-formulir")
    page.keyboard.press("Tab")
    assert focused(page, "[data-error-summary] a")
    page.keyboard.press("Enter")
    assert focused(page, "#id_purpose")
    page.keyboard.type("Pengawasan penggunaan anggaran")
    tab_to(page, "form button[type=submit]:not([name])")
    press_and_load(page)

    request = InformationRequest.objects.get()
    assert request.purpose == "Pengawasan penggunaan anggaran" and request.obtain_method == "soft_copy"
    assert page.locator("#nomor-register").inner_text() == request.register_number


def test_desk_intake_by_keyboard_only(page, live_server, office, make_user, assert_accessible):
    officer = make_user("desk_officer", unit=office["main"])
    RequesterFactory(user=None, full_name="Siti Aminah")
    keyboard_login(page, f"{live_server.url}/masuk/", officer.username)
    assert page.url.endswith("/permohonan/meja/catat/")

    tab_to(page, "#id_q")
    page.keyboard.type("Aminah")
    press_and_load(page)
    tab_to(page, "#hasil-pencarian a")
    press_and_load(page)

    tab_to(page, "#id_channel")
    page.keyboard.type("Telepon")  # a closed select picks the option typed
    assert page.locator("#id_channel").input_value() == "phone"
    tab_to(page, "#id_information_wanted")
    page.keyboard.type("Data jalan rusak per kecamatan 2025")
    tab_to(page, "#id_purpose")
    page.keyboard.type("Laporan warga")
    tab_to(page, "#id_obtain_method")
    page.keyboard.type("Salinan c")
    tab_to(page, "#id_delivery_method")
    page.keyboard.type("Mengambil")
    tab_to(page, "#id_identity_seen")
    page.keyboard.press("Space")
    tab_to(page, "form button[type=submit]")
    press_and_load(page)

    request = InformationRequest.objects.get()
    assert (request.channel, request.obtain_method, request.delivery_method) == ("phone", "hard_copy", "pick_up")
    assert page.locator("#nomor-register").inner_text() == request.register_number
    assert_accessible(page)
