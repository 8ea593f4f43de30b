"""Error pages: styled, in the visitor's language, with the office's header and a way back."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from ppid import errors
from ppid.models import OfficeSettings
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False  # Django shows its technical pages when DEBUG is on


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_404_is_indonesian_with_the_office_header_and_a_way_home(client):
    OfficeSettings.objects.create(pk=1, ppid_name="PPID Kabupaten Bima", phone="(0374) 43100")
    response = client.get("/tidak-ada/", HTTP_REFERER="http://testserver/informasi-publik/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="id">' in page and "Halaman tidak ditemukan" in page
    assert "PPID Kabupaten Bima" in page and "(0374) 43100" in page
    assert f'href="{reverse("home")}"' in page
    assert 'href="http://testserver/informasi-publik/"' in page  # back to where the visitor came from


def test_404_speaks_the_language_the_visitor_chose(client):
    page = english(client).get("/no-such-page/").content.decode()
    assert '<html lang="en">' in page and "Page not found" in page and "Halaman tidak ditemukan" not in page


def test_a_link_back_to_another_site_is_not_offered(client):
    page = client.get("/tidak-ada/", HTTP_REFERER="https://evil.example/phish").content.decode()
    assert "evil.example" not in page


def test_403_explains_in_indonesian_and_in_english(client):
    requester = RequesterFactory()
    client.force_login(requester.user)
    response = client.get(reverse("requests:processing-queue"))
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="id">' in page and "Akses tidak diizinkan" in page and "403 Forbidden" not in page
    page = english(client).get(reverse("requests:processing-queue")).content.decode()
    assert '<html lang="en">' in page and "Access not permitted" in page


def test_an_expired_form_explains_what_to_do(client):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("login"), {"username": "x", "password": "y"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in page and "muat ulang" in page and "cookie" in page
    csrf_client.cookies["django_language"] = "en"
    page = csrf_client.post(reverse("login"), {"username": "x", "password": "y"}).content.decode()
    assert "The form has expired" in page


def test_400_for_a_host_the_site_does_not_serve(client):
    response = client.get("/", HTTP_HOST="evil.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in page and '<html lang="id">' in page


def test_500_renders_without_the_database_in_both_languages(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500 and "Terjadi gangguan pada portal" in page and '<html lang="id">' in page
    with translation.override("en"):
        page = errors.server_error(request).content.decode()
    assert "The portal has a problem" in page and '<html lang="en">' in page


def test_the_bad_request_handler_renders_the_400_page():
    response = errors.bad_request(RequestFactory().get("/"), exception=None)
    assert response.status_code == 400 and "Permintaan tidak dapat diproses" in response.content.decode()
