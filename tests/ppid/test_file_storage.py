"""Files through Django's storage API, on the local folders and on a real S3-compatible server (moto).

The same tests run on both stores: an identity scan and a generated notice are written by the
services, read back only through the portal's permission-checked views, and a replaced file is
deleted only once its transaction commits. Object storage adds: objects are private, signed
URLs where the setting says so, and the backup command copies the bucket.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from ppid.law import InformationCategory
from ppid.models import InformationItem
from ppid.storage import PrivateFileSystemStorage
from registry.models import IdentityDocument, IdentityAccessLog, Requester
from registry.services import identity_document_add, identity_document_delete
from requests.models import Delivery, Material, Notice
from requests.services.decision import request_decide
from tests.registry.factories import RequesterFactory
from tests.registry.files import png_bytes
from tests.requests.processing_helpers import NEXT_DAY, PDF_BYTES, make_request, staff

pytestmark = pytest.mark.django_db

PRIVATE_FIELDS = ((IdentityDocument, "file"), (Material, "file"), (Notice, "pdf"), (Delivery, "handover_pdf"))


@dataclass
class Stores:
    kind: str
    private: object
    public: object
    bucket: str = ""
    server: object = None


@pytest.fixture(params=["local", "s3"])
def stores(request, monkeypatch, settings, tmp_path):
    """The private and public stores on the local folders or in a fresh bucket, wired into every file field."""
    from django.core.files.storage import FileSystemStorage

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if request.param == "local":
        found = Stores("local", PrivateFileSystemStorage(location=tmp_path / "private"), FileSystemStorage(location=tmp_path / "media"))
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {"BACKEND": "ppid.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path / "private")}},
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}},
        }
    else:
        from storages.backends.s3 import S3Storage

        from ppid.storage_s3 import PrivateS3Storage

        server = request.getfixturevalue("s3_server")
        bucket = request.getfixturevalue("s3_bucket")
        options = server.storage_options(bucket)
        found = Stores(
            "s3", PrivateS3Storage(**options, location="private"), S3Storage(**options, location="public"), bucket, server
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {"BACKEND": "ppid.storage_s3.PrivateS3Storage", "OPTIONS": {**options, "location": "private"}},
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**options, "location": "public"}},
        }
    for model, field in PRIVATE_FIELDS:
        monkeypatch.setattr(model._meta.get_field(field), "storage", found.private)
    monkeypatch.setattr(InformationItem._meta.get_field("document"), "storage", found.public)
    return found


def scan_upload(requester):
    upload = SimpleUploadedFile("ktp-saya.png", png_bytes(appended=False), content_type="image/png")
    return identity_document_add(requester=requester, kind="ktp", upload=upload, uploaded_by=requester.user)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_identity_scan_is_stored_privately_and_read_only_through_the_portal(stores, client):
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document = scan_upload(requester)
    assert stores.private.exists(document.file.name)
    with stores.private.open(document.file.name, "rb") as handle:
        stored = handle.read()
    with pytest.raises(ValueError):
        document.file.url  # no URL of its own, on any store

    url = reverse("registry:document-file", args=[document.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(RequesterFactory().user)
    assert client.get(url).status_code == 404  # another requester
    client.force_login(requester.user)
    response = client.get(url)
    assert response.status_code == 200 and body(response) == stored
    assert response["Cache-Control"] == "private, no-store"
    assert IdentityAccessLog.objects.filter(document=document, action=IdentityAccessLog.Action.VIEW).count() == 1


def test_a_generated_notice_goes_to_the_store_and_the_requester_downloads_it(stores, client, office, make_user):
    people = staff(office, make_user)
    request = make_request()
    notice = request_decide(
        request_id=request.pk, decision="granted", material="Salinan laporan", actor=people["ppid"], now=NEXT_DAY
    )
    notice.refresh_from_db()
    assert stores.private.exists(notice.pdf.name)
    client.force_login(request.requester.user)
    response = client.get(reverse("requests:notice-pdf", args=[notice.pk]))
    assert response.status_code == 200 and body(response).startswith(b"%PDF-")


def test_a_replaced_dip_document_is_deleted_only_after_the_commit(stores, office, django_capture_on_commit_callbacks):
    from ppid.dip import information_item_save

    first = SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")
    item = information_item_save(
        item=InformationItem(title="Laporan", unit=office["main"], category=InformationCategory.PERIODIC), upload=first
    )
    old_name = item.document.name
    assert stores.public.exists(old_name)

    # Rolled back: the row keeps pointing at the old file, which is still there.
    with pytest.raises(RuntimeError), transaction.atomic():
        information_item_save(item=InformationItem.objects.get(pk=item.pk), upload=SimpleUploadedFile("b.pdf", PDF_BYTES))
        raise RuntimeError("rollback")
    assert InformationItem.objects.get(pk=item.pk).document.name == old_name
    assert stores.public.exists(old_name)

    # Committed: the old file goes, after the commit and not before.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        information_item_save(item=InformationItem.objects.get(pk=item.pk), upload=SimpleUploadedFile("c.pdf", PDF_BYTES))
        assert stores.public.exists(old_name)
    for callback in callbacks:
        callback()
    assert not stores.public.exists(old_name)
    assert stores.public.exists(InformationItem.objects.get(pk=item.pk).document.name)


def test_a_rolled_back_identity_document_deletion_keeps_the_file(stores):
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document = scan_upload(requester)
    pk, name = document.pk, document.file.name  # delete() clears the instance's pk
    with pytest.raises(RuntimeError), transaction.atomic():
        identity_document_delete(document=document, actor=requester.user)
        raise RuntimeError("rollback")
    assert IdentityDocument.objects.filter(pk=pk).exists()
    assert stores.private.exists(name)


def test_the_backup_command_copies_every_stored_file(stores, office, tmp_path):
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document = scan_upload(requester)
    item = InformationItem.objects.create(title="DIP", unit=office["main"], category=InformationCategory.PERIODIC)
    item.document.save("dip.pdf", SimpleUploadedFile("dip.pdf", PDF_BYTES))
    stores.private.save("health/left-behind.txt", SimpleUploadedFile("x", b"probe"))

    target = tmp_path / "backup"
    call_command("backup_files", str(target))
    with stores.private.open(document.file.name, "rb") as handle:
        assert (target / "private" / document.file.name).read_bytes() == handle.read()
    assert (target / "public" / item.document.name).read_bytes() == PDF_BYTES
    assert not (target / "private" / "health").exists()
    # A second run copies nothing again.
    before = {path: path.stat().st_mtime_ns for path in target.rglob("*") if path.is_file()}
    call_command("backup_files", str(target))
    assert before == {path: path.stat().st_mtime_ns for path in target.rglob("*") if path.is_file()}


# -- object storage only -------------------------------------------------------------------------------


def test_objects_in_the_bucket_grant_nobody_but_the_owner(s3_server, s3_bucket, settings, monkeypatch):
    from ppid.storage_s3 import PrivateS3Storage

    storage = PrivateS3Storage(**s3_server.storage_options(s3_bucket), location="private")
    name = storage.save("identity/x.png", SimpleUploadedFile("x.png", b"scan"))
    acl = s3_server.client().get_object_acl(Bucket=s3_bucket, Key=f"private/{name}")
    grantees = {grant["Grantee"].get("URI") or grant["Grantee"].get("ID") for grant in acl["Grants"]}
    assert not any(grantee and grantee.endswith(("/AllUsers", "/AuthenticatedUsers")) for grantee in grantees)
    # The portal never hands out an unsigned URL: the storage refuses to build one.
    with pytest.raises(ValueError):
        storage.url(name)


def test_signed_urls_redirect_a_permitted_user_to_a_short_lived_url(s3_server, s3_bucket, settings, monkeypatch, client):
    from ppid.storage_s3 import PrivateS3Storage

    storage = PrivateS3Storage(**s3_server.storage_options(s3_bucket), location="private")
    monkeypatch.setattr(IdentityDocument._meta.get_field("file"), "storage", storage)
    settings.PPID_PRIVATE_FILE_SIGNED_URLS = True
    settings.PPID_PRIVATE_FILE_URL_SECONDS = 45
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document = scan_upload(requester)

    client.force_login(RequesterFactory().user)
    assert client.get(reverse("registry:document-file", args=[document.pk])).status_code == 404
    client.force_login(requester.user)
    response = client.get(reverse("registry:document-file", args=[document.pk]))
    assert response.status_code == 302
    location = response["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    assert location.startswith(s3_server.endpoint) and query["X-Amz-Expires"] == ["45"] and "X-Amz-Signature" in query
    assert "inline" in query["response-content-disposition"][0]
    with urllib.request.urlopen(location, timeout=10) as fetched:
        with storage.open(document.file.name, "rb") as handle:
            assert fetched.read() == handle.read()
    # The access is logged all the same.
    assert IdentityAccessLog.objects.filter(document=document, action=IdentityAccessLog.Action.VIEW).count() == 1


def test_with_signed_urls_on_a_local_folder_the_portal_still_streams_the_file(settings, monkeypatch, tmp_path, client):
    monkeypatch.setattr(IdentityDocument._meta.get_field("file"), "storage", PrivateFileSystemStorage(location=tmp_path))
    settings.PPID_PRIVATE_FILE_SIGNED_URLS = True
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document = scan_upload(requester)
    client.force_login(requester.user)
    response = client.get(reverse("registry:document-file", args=[document.pk]))
    assert response.status_code == 200 and body(response)


def test_the_admin_shows_a_notice_without_linking_its_private_file(stores, admin_client, office, make_user):
    people = staff(office, make_user)
    notice = request_decide(
        request_id=make_request().pk, decision="granted", material="Salinan laporan", actor=people["ppid"], now=NEXT_DAY
    )
    response = admin_client.get(reverse("admin:requests_notice_change", args=[notice.pk]))
    assert response.status_code == 200
    assert notice.pdf.name not in response.content.decode()
