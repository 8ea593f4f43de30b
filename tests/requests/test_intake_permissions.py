"""Who may open a requester's own pages and the printed register: anonymous visitors go to the
login page, a role without the permission gets 403, another requester's request answers 404."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pdfminer.high_level import extract_text

from ppid.roles import ROLE_LABELS, STAFF_ROLES
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
MINE_PAGES = ("requests:mine-detail", "requests:mine-receipt")
# Roles granted requests.view_register by requests/migrations/0002_role_permissions.py.
REGISTER_ROLES = {"desk_officer", "classification_reviewer", "ppid", "atasan_ppid", "dispute_desk", "admin"}
PRINT_PERIOD = {"date_from": "2026-11-01", "date_to": "2026-11-30"}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps tests with many rows quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# -- a requester's own request and receipt ----------------------------------------------------
@pytest.mark.parametrize("name", MINE_PAGES)
def test_own_request_pages_send_anonymous_visitors_to_login(client, office, name):
    request = InformationRequestFactory()
    response = client.get(reverse(name, args=[request.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("name", MINE_PAGES)
def test_own_request_pages_are_forbidden_to_staff(client_for, office, role, name):
    request = InformationRequestFactory()
    assert client_for(role).get(reverse(name, args=[request.pk])).status_code == 403


@pytest.mark.parametrize("name", MINE_PAGES)
def test_own_request_pages_answer_404_to_another_requester(client, office, name):
    request = InformationRequestFactory()
    other = RequesterFactory()
    client.force_login(other.user)
    assert client.get(reverse(name, args=[request.pk])).status_code == 404
    client.force_login(request.requester.user)
    assert client.get(reverse(name, args=[request.pk])).status_code == 200


# -- the printed register -----------------------------------------------------------------------
def test_register_print_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("requests:register-pdf"), PRINT_PERIOD)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("role", sorted(set(ROLE_LABELS) - REGISTER_ROLES))
def test_register_print_is_forbidden_to_roles_without_the_register_permission(client_for, office, role):
    client = client_for(role)
    assert not client.user.has_perm("requests.view_register")
    assert client.get(reverse("requests:register-pdf"), PRINT_PERIOD).status_code == 403


@pytest.mark.parametrize("role", sorted(REGISTER_ROLES))
def test_register_print_gives_roles_with_the_register_permission_a_pdf(client_for, office, role, tmp_path, settings,
                                                                       django_capture_on_commit_callbacks):
    from ppid.generated import generated_file_build
    from ppid.models import GeneratedFile

    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(tmp_path), "base_url": None}}}
    request = InformationRequestFactory(received_at=dt.datetime(2026, 11, 10, 10, 0, tzinfo=WIB))
    client = client_for(role, unit=office["main"])
    assert client.user.has_perm("requests.view_register")
    query = "?date_from=2026-11-01&date_to=2026-11-30"
    assert client.get(reverse("requests:register-pdf") + query).status_code == 200  # what will be made
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post(reverse("requests:register-pdf") + query).status_code == 302
    job = generated_file_build(file_id=GeneratedFile.objects.get(owner=client.user).pk, now=dt.datetime(2026, 11, 30, tzinfo=WIB))
    response = client.get(reverse("generated-file-download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(extract_text(io.BytesIO(b"".join(response.streaming_content))).split())
    assert request.register_number in text


@pytest.mark.parametrize("role", ["desk_officer", "ppid"])
def test_the_desk_links_to_the_requester_registry_only_for_a_role_that_may_record_requesters(client_for, office, role):
    """A link that answers 403 is a dead end at the desk: it is offered only with the permission behind it."""
    client = client_for(role, unit=office["main"])
    page = client.get(reverse("requests:desk-create")).content.decode()
    offered = reverse("registry:desk-search") in page
    assert offered == client.user.has_perm("registry.add_requester")
    if offered:
        assert client.get(reverse("registry:desk-search")).status_code == 200
