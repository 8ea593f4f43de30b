"""After login each role lands on its own start page."""

import pytest
from django.urls import reverse

from tests.ppid.factories import TEST_PASSWORD
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    # Not "page": that name is Playwright's fixture, and borrowing it drags the browser into this test's
    # parameters, which makes pytest regroup the browser tests ahead of the database tests.
    "role,start_page",
    [
        ("desk_officer", "requests:desk-create"),
        ("ppid", "requests:processing-queue"),
        ("classification_reviewer", "requests:processing-queue"),
        ("ppid_pembantu", "requests:processing-queue"),
        ("verifier", "registry:verification-queue"),
        ("atasan_ppid", "objections:atasan-queue"),
        ("dispute_desk", "disputes:queue"),
        ("admin", "admin:index"),
    ],
)
def test_each_staff_role_starts_on_its_own_page(client_for, office, role, start_page):
    response = client_for(role, unit=office["main"]).get(reverse("start"))
    assert response.status_code == 302 and response["Location"] == reverse(start_page)


def test_a_requester_logs_in_and_lands_on_their_requests_and_next_step(client, office):
    requester = RequesterFactory()
    response = client.post(reverse("login"), {"username": requester.user.username, "password": TEST_PASSWORD}, follow=True)
    assert [url for url, _status in response.redirect_chain] == [reverse("start"), reverse("requests:mine")]
    assert 'data-next-step="submit_request"' in response.content.decode()


def test_login_with_a_next_page_goes_there(client, office):
    requester = RequesterFactory()
    target = reverse("requests:submit") + "?dip=1"
    response = client.post(reverse("login") + "?next=" + target, {"username": requester.user.username, "password": TEST_PASSWORD, "next": target})
    assert response["Location"] == target


def test_an_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response["Location"] == reverse("login")


def test_a_user_without_a_role_starts_at_home(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("start"))["Location"] == reverse("home")


def test_a_wrong_password_is_explained_once(client, office):
    requester = RequesterFactory()
    page = client.post(reverse("login"), {"username": requester.user.username, "password": "salah"}).content.decode()
    assert "tidak cocok" in page and "nama pengguna nama pengguna" not in page
