"""The October world of the report tests, with its PPID logged in (test_figures and test_public keep their own)."""

import pytest

from tests.reports.factories import october_world


@pytest.fixture
def world(office, make_user):
    ppid = make_user("ppid", unit=office["main"], first_name="Sri", last_name="Wahyuni")
    return {"requests": october_world(office, ppid), "office": office, "ppid": ppid}


@pytest.fixture
def ppid_client(client, world):
    client.force_login(world["ppid"])
    return client
