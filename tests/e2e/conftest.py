"""Browser tests: Playwright driving Debian's chromium (its own browser download does not work here).

Every page a journey visits is checked with axe-core (`assert_accessible`).
"""

import os
import shutil

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


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        violations = results.response["violations"]
        assert not violations, f"axe-core violations on {page.url}:\n{results.generate_report()}"

    return check


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
