"""Shared fixtures. Per-app factories live in tests/<app>/factories.py."""

import os

import pytest
from django.contrib.auth.models import Group

# Live-server browser tests call the ORM from Playwright's event loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

NO_SKIPS = os.environ.get("PPID_TEST_NO_SKIPS") == "1"
# PPID_TEST_FAKE_NOW=2031-07-15T10:00:00+07:00 runs the suite with the clock moved there (and ticking):
# .ci/run uses it to prove that no test depends on the machine's date.
FAKE_NOW = os.environ.get("PPID_TEST_FAKE_NOW")
if FAKE_NOW:
    import time_machine

    time_machine.travel(FAKE_NOW, tick=True).start()


def pytest_collection_modifyitems(config, items):
    """Only browser tests may use Playwright's fixtures: a test elsewhere that names one (a parameter
    called "page") gets the browser as a session parameter, and pytest then regroups every browser
    test next to it, ahead of database tests that a browser test's flush would starve."""
    strays = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(item, "fixturenames", ()) and "tests/e2e/" not in item.nodeid
    ]
    if strays:
        raise pytest.UsageError("Playwright fixtures outside tests/e2e: " + ", ".join(strays))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In the CI pass that has every service, a skipped test is a failure: nothing silently stops running."""
    outcome = yield
    report = outcome.get_result()
    if NO_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in a run that must not skip (PPID_TEST_NO_SKIPS=1): {reason}"


@pytest.fixture(autouse=True, scope="session")
def celery_tasks_run_in_process():
    """Tasks the code under test dispatches run at once, in the test's process, where their effects can be
    checked; the integration tests start a real worker against the broker (see ``real_broker``)."""
    from ppid.celery import app

    app.conf.task_always_eager = True
    yield


@pytest.fixture
def real_broker():
    """Tasks go through the configured broker to a real worker (filesystem transport, or Redis in CI)."""
    from ppid.celery import app

    app.conf.task_always_eager = False
    app.control.purge()  # a message left by an earlier, interrupted run must not run in this test
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def office(db):
    """The demo-shaped office: a PPID Utama and three PPID Pembantu units."""
    from tests.ppid.factories import UnitFactory

    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    return {
        "main": main,
        "health": UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=main),
        "education": UnitFactory(code="disdik", name="Dinas Pendidikan", parent=main),
        "planning": UnitFactory(code="bappeda", name="Bappeda", parent=main),
    }


@pytest.fixture
def make_user(db):
    """make_user("desk_officer", unit=...) -> a user in that role's group."""
    from ppid.roles import STAFF_ROLES
    from tests.ppid.factories import UnitFactory, UserFactory

    def make(role=None, **kwargs):
        if role and role in STAFF_ROLES and "unit" not in kwargs:
            # Every staff member belongs to a unit (domain brief); by default the PPID Utama.
            kwargs["unit"] = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
        user = UserFactory(**kwargs)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def client_for(client, make_user):
    """client_for("verifier") -> a test client logged in as a fresh user of that role."""

    def login(role, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return login


PROJECT_APPS = ("ppid", "registry", "requests", "objections", "notifications", "reports")


def _rerun_data_migrations():
    """Run every RunPython step of the project's migrations again (they are all idempotent)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # ids cached before the flush are stale
    loader = MigrationLoader(connection)
    state_apps = loader.project_state().apps
    plan = []
    for leaf in loader.graph.leaf_nodes():
        for node in loader.graph.forwards_plan(leaf):
            if node not in plan:
                plan.append(node)
    for app_label, name in plan:
        if app_label not in PROJECT_APPS:
            continue
        for operation in loader.graph.nodes[(app_label, name)].operations:
            if isinstance(operation, RunPython):
                operation.code(state_apps, None)


@pytest.fixture(autouse=True)
def cold_snapshots():
    """Every test starts with this process's snapshots dropped (the calendar, the shared
    configuration), so what a test counts (queries above all) never depends on the tests before it."""
    from ppid import calendar_cache, shared_config

    calendar_cache.CACHE.snapshot = None
    shared_config.CACHE.snapshot = None


@pytest.fixture(autouse=True)
def data_migration_rows(request):
    """A transactional test (live server, real worker) flushes every table when it ends, taking the
    roles and service hours that data migrations made; the next test that uses the database gets
    them back, whatever order the tests run in."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    transactional = transactional or bool(marker and marker.kwargs.get("transaction"))
    if transactional:
        request.getfixturevalue("transactional_db")
    elif marker or "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return
    if not Group.objects.filter(name="requester").exists():
        _rerun_data_migrations()
