"""Browser tests: Playwright driving Debian's chromium (its own browser download does not work here).

Every page a journey visits is checked with axe-core (`assert_accessible`).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PPID_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# Screenshots of key pages for review, one per page and width (var/ is kept out of git).
SCREENSHOTS = Path(os.environ.get("PPID_SCREENSHOTS_DIR") or Path(__file__).resolve().parents[2] / "var" / "screenshots")

OVERFLOWING_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll("body *"))
    .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== "fixed")
    .filter((el) => !el.closest(".table-scroll"))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + Array.from(el.classList).join("."));
}"""


@pytest.fixture
def assert_accessible():
    """assert_accessible(page, screenshot=None): axe-core finds nothing, the page does not scroll sideways
    at its width, <html lang> is set; with a name, a full-page screenshot is written for review."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, screenshot: str | None = None):
        width = page.viewport_size["width"]
        assert page.evaluate("document.documentElement.lang") in ("id", "en"), f"no lang on {page.url}"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (
            f"{page.url} scrolls sideways by {overflow}px at {width}px: {page.evaluate(OVERFLOWING_ELEMENTS)}"
        )
        results = axe.run(page)
        violations = results.response["violations"]
        assert not violations, f"axe-core violations on {page.url} at {width}px:\n{results.generate_report()}"
        if screenshot:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{screenshot}-{width}.png"), full_page=True)

    return check


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def width(request, page):
    """Run the test at 1280 px (a desktop) and at 390 px (a phone)."""
    page.set_viewport_size({"width": request.param, "height": 900 if request.param > 600 else 844})
    return request.param


@pytest.fixture
def login(live_server):
    """login(page, username, password): through the real login form."""

    def do_login(page, username, password):
        page.goto(f"{live_server.url}/masuk/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Masuk").last.click()
        page.wait_for_load_state()

    return do_login



@pytest.fixture(autouse=True)
def no_content_security_policy_violations(request):
    """Every browser test also proves that no page needed an inline script or style (CSP)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []

    def collect(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", collect)
    yield
    assert not violations, "\n".join(violations)
