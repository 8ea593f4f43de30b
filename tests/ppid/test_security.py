"""Issue 13, project side: login throttling, mail throttles, staff second factor and sessions, the admin."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from ppid.models import TwoFactorRequirement
from ppid.security import login_unlock
from tests.ppid.factories import TEST_PASSWORD, UserFactory
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_wrong_code_is_refused(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with override_settings(PPID_TWO_FACTOR_ROLES=["verifier"]):
        verifier = staff("verifier")
        client.force_login(verifier)
        TOTPDevice.objects.create(user=verifier, name="x", confirmed=True)
        response = client.post(reverse("two-factor"), {"otp_token": "000000"})
        assert response.status_code == 200 and "Kode salah" in response.content.decode()
        assert client.get(reverse("registry:verification-queue")).status_code == 302

WRONG = "salah-sama-sekali-1"


def attempts(client, url, username, count, password=WRONG):
    return [client.post(url, {"username": username, "password": password}).status_code for _ in range(count)]


@pytest.mark.parametrize("identifier", ["email", "nik"])
def test_thirty_wrong_passwords_lock_a_requester_whatever_identifier_is_used(client, identifier):
    requester = RequesterFactory()
    typed = requester.user.email if identifier == "email" else requester.nik
    statuses = attempts(client, reverse("login"), typed, 30)
    assert statuses[0] == 200 and statuses[-1] == 429
    response = client.post(reverse("login"), {"username": typed, "password": TEST_PASSWORD})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "Terlalu banyak percobaan masuk" in response.content.decode()


def test_email_and_nik_count_against_one_account(client):
    requester = RequesterFactory()
    limit = settings.AXES_FAILURE_LIMIT
    attempts(client, reverse("login"), requester.user.email.upper(), limit - 1, password=WRONG)
    response = client.post(reverse("login"), {"username": requester.nik, "password": WRONG}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429  # the account is locked, not only the spelling or the address


def test_admin_login_is_throttled_too(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    statuses = attempts(client, url, "admin", 30)
    assert statuses[-1] == 429
    assert client.post(url, {"username": "admin", "password": TEST_PASSWORD}).status_code == 429


def test_an_administrator_unlocks_an_account(client):
    requester = RequesterFactory()
    attempts(client, reverse("login"), requester.user.email, 10)
    assert login_unlock(user=requester.user) >= 1
    response = client.post(reverse("login"), {"username": requester.nik, "password": TEST_PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302


def test_password_reset_mails_are_throttled_per_address(client):
    RequesterFactory(user__email="budi@example.org")
    for _ in range(10):
        response = client.post(reverse("password_reset"), {"email": "budi@example.org"})
        assert response.status_code == 302  # the same answer every time
    limit = settings.PPID_THROTTLES["password_reset"][0]
    assert len(mail.outbox) == limit


def test_confirmation_resends_are_throttled(client):
    from django.test import TestCase

    data = {
        "email": "siti@example.org", "password1": "Sandi-Panjang-2026", "password2": "Sandi-Panjang-2026",
        "full_name": "Siti", "nik": "3201014501900001", "address": "", "occupation": "", "phone": "",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("registry:register-kind", args=["person"]), data)
    mail.outbox.clear()
    for _ in range(10):
        client.post(reverse("registry:email-resend"), {"email": "siti@example.org"})
    assert len(mail.outbox) == settings.PPID_THROTTLES["confirmation_resend"][0]


# -- staff: second factor, shorter sessions ------------------------------------------------------
def staff(role, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def totp_code(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(PPID_TWO_FACTOR_ROLES=["verifier", "admin", "atasan_ppid"])
def test_a_role_that_requires_two_factor_enrols_then_gives_a_code_at_login(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    verifier = staff("verifier")
    client.post(reverse("login"), {"username": verifier.username, "password": TEST_PASSWORD})
    response = client.get(reverse("registry:verification-queue"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("two-factor"))
    setup = client.get(reverse("two-factor-setup"))
    assert setup.status_code == 200 and setup.context["qr_code"].startswith("data:image/png;base64,")
    device = TOTPDevice.objects.get(user=verifier)
    client.post(reverse("two-factor-setup"), {"otp_token": totp_code(device), "next": reverse("registry:verification-queue")})
    assert client.get(reverse("registry:verification-queue")).status_code == 200
    client.logout()
    client.post(reverse("login"), {"username": verifier.username, "password": TEST_PASSWORD})
    assert client.get(reverse("registry:verification-queue")).status_code == 302  # a new session asks again


@override_settings(PPID_TWO_FACTOR_ROLES=["verifier"])
def test_an_administrator_sets_the_requirement_per_role(client):
    desk = staff("desk_officer")
    client.force_login(desk)
    assert client.get(reverse("registry:desk-search")).status_code == 200
    TwoFactorRequirement.objects.create(role="desk_officer", required=True)
    TwoFactorRequirement.objects.create(role="verifier", required=False)
    assert client.get(reverse("registry:desk-search")).status_code == 302
    client.force_login(staff("verifier"))
    assert client.get(reverse("registry:verification-queue")).status_code == 200


def test_production_profile_requires_two_factor_for_admin_atasan_and_verifiers():
    code = (
        "import os; os.environ['DJANGO_PROFILE']='production'; os.environ['SECRET_KEY']='x'*50;"
        "os.environ['ALLOWED_HOSTS']='ppid.example.go.id';"
        "import django; from django.conf import settings; django.setup();"
        "print(sorted(settings.PPID_TWO_FACTOR_ROLES), settings.PPID_ADMIN_PATH)"
    )
    env = {key: value for key, value in __import__("os").environ.items() if key != "PPID_TWO_FACTOR_ROLES"}
    env["DJANGO_SETTINGS_MODULE"] = "ppid.settings"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=settings.BASE_DIR, check=True)
    assert out.stdout.split()[:3] == ["['admin',", "'atasan_ppid',", "'verifier']"]


def test_staff_sessions_end_sooner_than_requesters(client):
    client.post(reverse("login"), {"username": staff("desk_officer").username, "password": TEST_PASSWORD})
    assert client.session.get_expiry_age() == settings.PPID_STAFF_SESSION_SECONDS
    client.logout()
    requester = RequesterFactory()
    client.post(reverse("login"), {"username": requester.user.email, "password": TEST_PASSWORD})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE > settings.PPID_STAFF_SESSION_SECONDS


def test_admin_lives_at_the_path_the_settings_name():
    from importlib import reload

    import ppid.urls
    from django.urls import clear_url_caches

    with override_settings(PPID_ADMIN_PATH="kelola-rahasia-7f3/"):
        reload(ppid.urls)
        clear_url_caches()
        try:
            assert reverse("admin:index", urlconf=ppid.urls) == "/kelola-rahasia-7f3/"
        finally:
            pass
    reload(ppid.urls)
    clear_url_caches()
    assert reverse("admin:index") == "/" + settings.PPID_ADMIN_PATH


# -- input hygiene on GET search boxes --------------------------------------------------------------
def test_a_nul_in_the_public_dip_search_gets_a_message_not_an_error(client):
    response = client.get(reverse("dip-list"), {"q": "anggaran\x00"})
    assert response.status_code == 200
    assert "karakter" in response.content.decode().lower()


def test_information_users_nik_is_validated_like_the_requesters():
    from requests.forms import OnlineRequestForm

    form = OnlineRequestForm({"information_user_nik": "3201013213900001"})
    form.is_valid()
    assert "tanggal lahir" in form.errors["information_user_nik"][0]


def test_every_project_form_uses_the_hygiene_mixin():
    import importlib
    import inspect

    from django import forms

    from ppid.hygiene import HygieneFormMixin

    modules = ["ppid.forms", "ppid.auth_views", "ppid.two_factor", "registry.forms", "requests.forms", "requests.forms_processing"]
    missing = []
    for name in modules:
        module = importlib.import_module(name)
        for _attr, cls in inspect.getmembers(module, inspect.isclass):
            concrete = issubclass(cls, forms.BaseForm) and cls.__module__ == name and not _attr.endswith("Mixin")
            if concrete and not issubclass(cls, HygieneFormMixin):
                missing.append(f"{name}.{_attr}")
    assert missing == []


# -- dependencies: django-axes and django-otp must not bring the PyPI requests package ----------------
def test_security_libraries_do_not_import_the_pypi_requests_package():
    code = (
        "import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE','ppid.settings'); django.setup();"
        "import pkgutil, importlib, axes, django_otp;"
        "[importlib.import_module(m.name) for pkg in (axes, django_otp) for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.')"
        " if not any(part in m.name for part in ('tests', 'test_utils', 'migrations'))];"
        "import requests; print(requests.__file__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.BASE_DIR, check=True)
    assert re.search(r"[/\\]requests[/\\]__init__\.py$", out.stdout.strip())
    assert str(settings.BASE_DIR) in out.stdout


def test_a_nul_in_the_desk_intake_search_is_no_error(client_for):
    response = client_for("desk_officer").get(reverse("requests:desk-create"), {"q": "\x00"})
    assert response.status_code == 200 and list(response.context["results"]) == []
