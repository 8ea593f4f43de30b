"""Issue 13, registry side: each test failed on the code before the fix."""

import datetime as dt
import os
import stat

import pytest
from django.conf import settings
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone

from registry import services
from registry.models import IdentityAccessLog, IdentityDocument, Requester
from registry.selectors import requesters_search, requesters_visible_to
from tests.registry.factories import DeskRequesterFactory, RequesterFactory, account_registered, document_add
from tests.registry.files import png_bytes

pytestmark = pytest.mark.django_db


def unverified(**kwargs):
    return RequesterFactory(verification_status=Requester.Verification.UNVERIFIED, **kwargs)


# -- unit scope: a PPID Pembantu's staff see only requesters with a request in their unit -------------
@pytest.fixture
def scoped(office, make_user):
    from tests.requests.factories import InformationRequestFactory

    mine, other = unverified(), unverified()
    document_add(mine)
    document_add(other)
    InformationRequestFactory(requester=mine, unit=office["health"])
    InformationRequestFactory(requester=other, unit=office["education"])
    return {
        "mine": mine,
        "other": other,
        "pembantu_desk": make_user("desk_officer", unit=office["health"]),
        "utama_desk": make_user("desk_officer", unit=office["main"]),
    }


def test_pembantu_desk_opens_identity_scans_only_of_its_units_requesters_and_refusals_are_logged(client, scoped):
    client.force_login(scoped["pembantu_desk"])
    own_file = scoped["mine"].documents.get()
    other_file = scoped["other"].documents.get()
    assert client.get(reverse("registry:document-file", args=[own_file.pk])).status_code == 200
    assert client.get(reverse("registry:document-file", args=[other_file.pk])).status_code == 403
    refused = IdentityAccessLog.objects.get(action="refused")
    assert refused.user == scoped["pembantu_desk"] and refused.requester == scoped["other"]


def test_pembantu_desk_finds_other_units_requesters_only_by_the_exact_nik(scoped):
    officer, other = scoped["pembantu_desk"], scoped["other"]
    assert list(requesters_visible_to(user=officer)) == [scoped["mine"]]
    assert list(requesters_search(query=other.full_name, user=officer)) == []
    assert list(requesters_search(query=other.nik, user=officer)) == [other]
    assert set(requesters_visible_to(user=scoped["utama_desk"])) == {scoped["mine"], scoped["other"]}


def test_pembantu_verifier_cannot_open_another_units_requester(client, office, make_user, scoped):
    client.force_login(make_user("verifier", unit=office["health"]))
    assert client.get(reverse("registry:verification-detail", args=[scoped["other"].pk])).status_code == 404


# -- identity files: removed after commit by every path, logged, private modes ------------------------
def test_admin_deleting_a_document_removes_its_file_after_commit_and_logs_it(private_media, make_user, django_capture_on_commit_callbacks):
    admin_user = make_user(is_superuser=True, is_staff=True)
    document = document_add(unverified())
    path = private_media / document.file.name
    model_admin = site._registry[IdentityDocument]
    request = RequestFactory().post("/")
    request.user = admin_user
    with django_capture_on_commit_callbacks(execute=True):
        model_admin.delete_model(request, document)
        assert path.exists()  # still there until the transaction commits
    assert not path.exists() and not IdentityDocument.objects.exists()
    entry = IdentityAccessLog.objects.get(action="delete")
    assert entry.user == admin_user and "administrator" in entry.description


def test_admin_deleting_a_requester_removes_its_files_too(private_media, make_user, django_capture_on_commit_callbacks):
    requester = unverified()
    path = private_media / document_add(requester).file.name
    request = RequestFactory().post("/")
    request.user = make_user(is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        site._registry[Requester].delete_queryset(request, Requester.objects.filter(pk=requester.pk))
    assert not path.exists() and IdentityAccessLog.objects.filter(action="delete").count() == 1


def test_a_rolled_back_deletion_keeps_the_file(private_media):
    from django.db import transaction

    requester = unverified()
    document = document_add(requester)
    path, pk = private_media / document.file.name, document.pk
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            with transaction.atomic():
                services.identity_document_delete(document=document, actor=requester.user)
                raise RuntimeError("later step failed")
        except RuntimeError:
            pass
    assert path.exists() and IdentityDocument.objects.filter(pk=pk).exists()


def test_identity_files_are_0600_and_their_folders_0700(private_media):
    document = document_add(unverified())
    path = private_media / document.file.name
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(private_media).st_mode) == 0o700


def test_identity_files_per_requester_are_capped(settings):
    settings.PPID_IDENTITY_FILES_MAX = 2
    requester = unverified()
    document_add(requester)
    document_add(requester)
    upload = SimpleUploadedFile("ktp.png", png_bytes(appended=False), content_type="image/png")
    with pytest.raises(ValidationError, match="Paling banyak 2"):
        services.identity_document_add(requester=requester, kind="ktp", upload=upload, uploaded_by=requester.user)
    assert requester.documents.count() == 2


# -- the requester sees who opened their files; staff produce the report for one requester -----------
def test_requester_sees_who_opened_their_files_and_when(client, requester_client, make_user):
    requester = unverified()
    document = document_add(requester)
    verifier = make_user("verifier", first_name="Rina", last_name="Verifikator")
    client.force_login(verifier)
    client.get(reverse("registry:document-file", args=[document.pk]))
    page = requester_client(requester).get(reverse("registry:access-log")).content.decode()
    assert "Rina Verifikator" in page and "Dilihat" in page


def test_staff_access_report_lists_every_access_and_is_itself_logged(client, make_user):
    requester = unverified()
    document = document_add(requester)
    client.force_login(make_user("verifier"))
    client.get(reverse("registry:document-file", args=[document.pk]))
    ppid_officer = make_user("ppid")
    client.force_login(ppid_officer)
    response = client.get(reverse("registry:access-report", args=[requester.pk]))
    assert response.status_code == 200 and len(response.context["entries"]) == 1
    assert IdentityAccessLog.objects.filter(action="report", user=ppid_officer, requester=requester).exists()
    client.force_login(make_user("desk_officer"))
    assert client.get(reverse("registry:access-report", args=[requester.pk])).status_code == 403


# -- registration: no enumeration, no squatting, expiry ---------------------------------------------
def test_unconfirmed_registrations_expire_and_confirmed_ones_stay(django_capture_on_commit_callbacks):
    stale = account_registered(email="lama@example.org", nik="3201014501900001", confirm=False)
    kept = account_registered(email="aktif@example.org", nik="3201014501900002")
    later = timezone.now() + dt.timedelta(hours=settings.PPID_REGISTRATION_EXPIRY_HOURS + 1)
    assert services.registrations_unconfirmed_expire(now=timezone.now()) == 0
    assert services.registrations_unconfirmed_expire(now=later) == 1
    assert not Requester.objects.filter(pk=stale.pk).exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=stale.user_id).exists()
    assert Requester.objects.filter(pk=kept.pk).exists()


def test_an_expired_confirmation_link_is_refused(settings):
    from django.core import signing

    requester = account_registered(email="x@example.org", nik="3201014501900001", confirm=False)
    token = services.email_confirmation_token(user=requester.user)
    settings.PPID_REGISTRATION_EXPIRY_HOURS = 0
    with pytest.raises(ValidationError):
        services.email_confirm(token=token)
    assert signing  # the link is signed and timed (django.core.signing)


def test_names_lose_bidi_override_characters(client_for):
    client = client_for("desk_officer")
    response = client.post(
        reverse("registry:desk-create"),
        {"jenis": "person", "full_name": "Budi \u202eotnas\u202c", "nik": "3578010101800001", "address": "", "occupation": "", "phone": "", "email": ""},
    )
    assert response.status_code == 302
    assert Requester.objects.get(nik="3578010101800001").full_name == "Budi otnas"
    legacy = DeskRequesterFactory(full_name="Ani \u202eiNa")
    assert legacy.display_name == "Ani iNa"


def test_address_is_limited_to_what_the_printouts_hold(requester_client):
    requester = unverified()
    response = requester_client(requester).post(
        reverse("registry:profile-edit"),
        {"full_name": "Nama", "nik": requester.nik, "address": "x" * 1_000_000, "occupation": "", "phone": ""},
    )
    assert response.status_code == 200 and "address" in response.context["form"].errors
    requester.refresh_from_db()
    assert len(requester.address) < 1000


def test_control_characters_are_refused_with_a_clear_message(requester_client):
    requester = unverified()
    response = requester_client(requester).post(
        reverse("registry:profile-edit"),
        {"full_name": "Nama\x00", "nik": requester.nik, "address": "Jl.\x07 Satu", "occupation": "", "phone": ""},
    )
    errors = response.context["form"].errors
    assert "null" in errors["full_name"][0].lower()  # Django's own rule for NUL, in Indonesian
    assert "karakter kontrol" in errors["address"][0]


def test_desk_search_with_a_nul_searches_nothing(client_for):
    response = client_for("desk_officer").get(reverse("registry:desk-search"), {"q": "Budi\x00"})
    assert response.status_code == 200 and response.context["results"] == []
    assert list(requesters_search(query="\x00", user=client_for("desk_officer").user)) == []
