"""A PPID Pembantu's staff see only their unit's requests, everywhere a request shows: the register, its
exports, and the desk's history of a requester (issue: one visibility rule per kind of record)."""

import pytest
from django.urls import reverse

from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def two_units(office):
    requester = RequesterFactory(full_name="Warga Dua Unit")
    return {
        "health": InformationRequestFactory(unit=office["health"], requester=requester, information_wanted="Data imunisasi puskesmas"),
        "education": InformationRequestFactory(unit=office["education"], requester=requester, information_wanted="Data guru honorer"),
    }


def test_a_ppid_pembantu_desk_sees_only_its_units_requests_in_the_register_and_its_csv(client_for, office, two_units):
    client = client_for("desk_officer", unit=office["health"])
    page = client.get(reverse("requests:register")).content.decode()
    assert two_units["health"].register_number in page and two_units["education"].register_number not in page
    csv_text = b"".join(client.get(reverse("requests:register-csv")).streaming_content).decode()
    assert "Data imunisasi puskesmas" in csv_text and "Data guru honorer" not in csv_text


@pytest.mark.parametrize("text_limit", [300, 0], ids=["few matches", "many matches"])
@pytest.mark.parametrize("query", ["Warga Dua", "Data"])
def test_a_ppid_pembantu_desks_search_finds_only_its_units_requests(client_for, office, two_units, monkeypatch, query, text_limit):
    """By the requester's name or the text, paged among the matches or along the order index."""
    monkeypatch.setattr("requests.register_search.SEARCH_TEXT_LIMIT", text_limit)
    client = client_for("desk_officer", unit=office["health"])
    response = client.get(reverse("requests:register"), {"q": query})
    assert [row.id for row in response.context["page"].rows] == [two_units["health"].pk]


def test_the_ppid_utama_sees_every_units_requests_in_the_register(client_for, office, two_units):
    page = client_for("desk_officer", unit=office["main"]).get(reverse("requests:register")).content.decode()
    assert two_units["health"].register_number in page and two_units["education"].register_number in page


def test_the_desks_history_of_a_requester_lists_only_requests_the_officer_may_open(client_for, office, two_units):
    client = client_for("desk_officer", unit=office["health"])
    requester = two_units["health"].requester
    page = client.get(reverse("requests:desk-create"), {"requester": requester.pk}).content.decode()
    assert "Data imunisasi puskesmas" in page and "Data guru honorer" not in page
