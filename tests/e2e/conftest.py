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


# The data migrations' functions that fill what every page needs (roles, service hours).
DATA_MIGRATIONS = (
    ("ppid", "0002_office_defaults", "create_defaults"),
    ("registry", "0002_role_permissions", "grant"),
    ("requests", "0002_role_permissions", "grant"),
    ("objections", "0003_role_permissions", "grant"),
)


@pytest.fixture(autouse=True)
def office_defaults(request):
    """A live-server test flushes every table when it ends, taking the roles and service hours the
    data migrations made; the next browser test gets them back from the same migration functions."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    if Group.objects.filter(name="desk_officer").exists():
        return
    state_apps = MigrationLoader(connection).project_state().apps
    for app_label, migration, function in DATA_MIGRATIONS:
        module = importlib.import_module(f"{app_label}.migrations.{migration}")
        getattr(module, function)(state_apps, None)
