from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppid.rules import TransitionRefused
from registry import services
from registry.models import IdentityAccessLog, IdentityDocument, Requester, VerificationDecision
from tests.registry.factories import DeskRequesterFactory, RequesterFactory, account_registered, document_add
from tests.registry.files import jpeg_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def unverified(**kwargs):
    return RequesterFactory(verification_status=Requester.Verification.UNVERIFIED, **kwargs)


def pending(**kwargs):
    requester = unverified(**kwargs)
    document_add(requester)
    return services.requester_verification_submit(requester=requester, actor=requester.user)


def test_upload_stores_cleaned_bytes_privately_with_checksum(requester_client, private_media):
    requester = unverified()
    client = requester_client(requester)
    response = client.post(
        reverse("registry:document-upload"),
        {"kind": "ktp", "file": SimpleUploadedFile("KTP 3201014501900001.jpg", jpeg_bytes(), content_type="image/jpeg")},
    )
    assert response.status_code == 302
    document = requester.documents.get()
    stored = (private_media / document.file.name).read_bytes()
    assert b"KameraRahasia" not in stored
    assert document.size == len(stored) and len(document.sha256) == 64
    assert "3201014501900001" not in document.file.name and document.file.name.endswith(".jpg")
    assert document.content_type == "image/jpeg" and document.uploaded_by == requester.user


def test_forged_content_type_is_refused_with_a_clear_message(requester_client, private_media):
    client = requester_client(unverified())
    response = client.post(
        reverse("registry:document-upload"),
        {"kind": "ktp", "file": SimpleUploadedFile("ktp.jpg", b"<html>bukan gambar</html>", content_type="image/jpeg")},
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not IdentityDocument.objects.exists()
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))


def test_pdf_with_javascript_upload_is_refused(requester_client):
    client = requester_client(unverified())
    response = client.post(
        reverse("registry:document-upload"),
        {"kind": "ktp", "file": SimpleUploadedFile("ktp.pdf", pdf_bytes(javascript=True), content_type="application/pdf")},
    )
    assert "skrip" in response.content.decode()
    assert not IdentityDocument.objects.exists()


def test_failed_save_leaves_no_file_and_no_row(private_media):
    requester = unverified()
    with mock.patch.object(IdentityDocument, "save", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            document_add(requester)
    assert not IdentityDocument.objects.exists()
    assert not any(p.is_file() for p in private_media.rglob("*"))


def test_upload_form_offers_the_kinds_of_document_each_kind_needs(requester_client):
    page = requester_client(unverified()).get(reverse("registry:document-upload")).content.decode()
    assert 'value="ktp"' in page and 'value="deed"' not in page
    entity = unverified(kind="legal_entity", entity_name="PT A", deed_number="1")
    page = requester_client(entity).get(reverse("registry:document-upload")).content.decode()
    assert 'value="deed"' in page and 'value="decree"' in page and 'value="power_of_attorney"' in page


def test_submission_needs_the_documents_of_the_kind():
    requester = unverified()
    with pytest.raises(TransitionRefused, match="KTP"):
        services.requester_verification_submit(requester=requester, actor=requester.user)
    entity = unverified(kind="legal_entity", entity_name="PT A", deed_number="1", representative_is_named_in_deed=False)
    document_add(entity, "ktp")
    document_add(entity, "deed")
    document_add(entity, "decree")
    with pytest.raises(TransitionRefused, match="Surat kuasa"):
        services.requester_verification_submit(requester=entity, actor=entity.user)
    document_add(entity, "power_of_attorney")
    assert services.requester_verification_submit(requester=entity, actor=entity.user).verification_status == "pending"


def test_community_group_needs_deed_and_domicile_letter():
    group = unverified(kind="community_group", entity_name="Forum Warga", deed_number="3")
    document_add(group, "ktp")
    document_add(group, "deed")
    with pytest.raises(TransitionRefused, match="domisili"):
        services.requester_verification_submit(requester=group, actor=group.user)


def test_approval_verifies_and_records_who(make_user):
    verifier = make_user("verifier")
    requester = services.requester_verification_approve(requester=pending(), verifier=verifier)
    assert requester.verification_status == "verified" and requester.verified_by == verifier
    submitted, decision = requester.verifications.order_by("decided_at", "pk")
    assert submitted.outcome == "submitted" and submitted.decided_by == requester.user
    assert decision.outcome == "approved" and decision.method == "online" and decision.decided_by == verifier


def test_rejection_needs_a_reason_the_requester_then_sees(make_user, requester_client):
    verifier = make_user("verifier")
    requester = pending()
    with pytest.raises(ValidationError):
        services.requester_verification_reject(requester=requester, verifier=verifier, reason="  ")
    services.requester_verification_reject(requester=requester, verifier=verifier, reason="Foto KTP buram.")
    requester.refresh_from_db()
    assert requester.verification_status == "rejected"
    page = requester_client(requester).get(reverse("registry:profile")).content.decode()
    assert "Ditolak" in page and "Foto KTP buram." in page


def test_rejected_requester_resubmits_and_is_pending_again(make_user):
    requester = pending()
    services.requester_verification_reject(requester=requester, verifier=make_user("verifier"), reason="Buram")
    document_add(requester)
    requester = services.requester_verification_submit(requester=requester, actor=requester.user)
    assert requester.verification_status == "pending"


def test_only_pending_requesters_can_be_decided(make_user):
    verifier = make_user("verifier")
    with pytest.raises(TransitionRefused):
        services.requester_verification_approve(requester=unverified(), verifier=verifier)
    with pytest.raises(TransitionRefused):
        services.requester_verification_reject(requester=RequesterFactory(), verifier=verifier, reason="x")


def test_documents_are_locked_while_pending():
    requester = pending()
    upload = SimpleUploadedFile("ktp.jpg", jpeg_bytes(), content_type="image/jpeg")
    with pytest.raises(ValidationError):
        services.identity_document_add(requester=requester, kind="ktp", upload=upload, uploaded_by=requester.user)
    with pytest.raises(ValidationError):
        services.identity_document_delete(document=requester.documents.get(), actor=requester.user)


def test_identity_fields_are_locked_after_verification_but_contact_data_is_not(requester_client):
    requester = RequesterFactory()
    client = requester_client(requester)
    page = client.get(reverse("registry:profile-edit")).content.decode()
    assert 'name="nik"' not in page and 'name="phone"' in page
    response = client.post(reverse("registry:profile-edit"), {"address": "Jl. Baru 2", "occupation": "Petani", "phone": "0899 1234 567"})
    assert response.status_code == 302
    requester.refresh_from_db()
    assert requester.address == "Jl. Baru 2" and requester.phone == "0899 1234 567"
    with pytest.raises(ValidationError):
        services.requester_profile_update(requester=requester, actor=requester.user, nik="3201010101900099")


def test_profile_edit_validates_the_nik_before_verification(requester_client):
    requester = unverified()
    response = requester_client(requester).post(
        reverse("registry:profile-edit"), {"full_name": "Nama", "nik": "123", "address": "", "occupation": "", "phone": ""}
    )
    assert "16 angka" in response.content.decode()


def test_queue_lists_pending_requesters_and_approval_runs_on_post(client_for):
    requester = pending()
    client = client_for("verifier")
    page = client.get(reverse("registry:verification-queue")).content.decode()
    assert requester.full_name in page
    detail = client.get(reverse("registry:verification-detail", args=[requester.pk])).content.decode()
    assert reverse("registry:document-file", args=[requester.documents.get().pk]) in detail
    assert client.get(reverse("registry:verification-approve", args=[requester.pk])).status_code == 200
    requester.refresh_from_db()
    assert requester.verification_status == "pending"  # GET only shows what will happen
    response = client.post(reverse("registry:verification-approve", args=[requester.pk]))
    assert response.status_code == 302
    requester.refresh_from_db()
    assert requester.verification_status == "verified"


def test_reject_view_requires_a_reason(client_for):
    requester = pending()
    client = client_for("verifier")
    response = client.post(reverse("registry:verification-reject", args=[requester.pk]), {"reason": ""})
    assert response.status_code == 200
    response = client.post(reverse("registry:verification-reject", args=[requester.pk]), {"reason": "NIK tidak cocok"})
    assert response.status_code == 302
    assert VerificationDecision.objects.get(requester=requester, outcome="rejected").reason == "NIK tidak cocok"


def test_document_view_serves_owner_and_logs_the_access(requester_client):
    requester = unverified()
    document = document_add(requester)
    response = requester_client(requester).get(reverse("registry:document-file", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    entry = IdentityAccessLog.objects.get(action="view")
    assert entry.document == document and entry.user == requester.user and entry.requester == requester


def test_verifier_sees_a_document_and_the_access_is_logged(client_for):
    document = document_add(unverified())
    client = client_for("verifier")
    assert client.get(reverse("registry:document-file", args=[document.pk])).status_code == 200
    assert IdentityAccessLog.objects.filter(action="view", user=client.user, document=document).exists()


def test_requester_deletes_own_document_and_the_deletion_is_logged(requester_client, private_media, django_capture_on_commit_callbacks):
    requester = unverified()
    document = document_add(requester)
    path = private_media / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = requester_client(requester).post(reverse("registry:document-delete", args=[document.pk]))
        assert path.exists()  # the file goes only once the deletion has committed
    assert response.status_code == 302
    assert not IdentityDocument.objects.exists() and not path.exists()
    assert IdentityAccessLog.objects.get(action="delete").requester == requester


def test_files_have_no_public_url():
    document = document_add(unverified())
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018


def test_desk_claim_is_merged_into_the_desk_record_on_approval(make_user):
    desk = DeskRequesterFactory(nik="3201014501900001", full_name="Siti A.")
    claim = account_registered(
        email="siti@example.org", password="Sandi-Panjang-2026", kind="person", full_name="Siti Aminah",
        nik="3201014501900001", phone="0811111111",
    )
    user = claim.user
    document_add(claim)
    services.requester_verification_submit(requester=claim, actor=user)
    record = services.requester_verification_approve(requester=claim, verifier=make_user("verifier"))
    assert record.pk == desk.pk
    desk.refresh_from_db()
    assert desk.user == user and desk.verification_status == "verified"
    assert desk.full_name == "Siti Aminah" and desk.phone == "0811111111"
    assert desk.documents.count() == 1
    assert not Requester.objects.filter(pk=claim.pk).exists()
    assert Requester.objects.filter(nik="3201014501900001", kind="person").count() == 1


def test_a_second_claim_of_an_already_claimed_record_cannot_be_approved(make_user):
    DeskRequesterFactory(nik="3201014501900001")
    claims = []
    for email in ("a@example.org", "b@example.org"):
        claim = account_registered(
            email=email, password="Sandi-Panjang-2026", kind="person", full_name="X", nik="3201014501900001"
        )
        document_add(claim)
        claims.append(services.requester_verification_submit(requester=claim, actor=claim.user))
    verifier = make_user("verifier")
    services.requester_verification_approve(requester=claims[0], verifier=verifier)
    with pytest.raises(TransitionRefused, match="sudah dimiliki"):
        services.requester_verification_approve(requester=claims[1], verifier=verifier)


def test_a_claim_that_corrects_its_nik_stops_claiming_the_desk_record():
    desk = DeskRequesterFactory(nik="3201014501900001")
    claim = account_registered(
        email="x@example.org", password="Sandi-Panjang-2026", kind="person", full_name="X", nik=desk.nik
    )
    claim = services.requester_profile_update(requester=claim, actor=claim.user, nik="3201014501900002")
    assert claim.claimed_requester is None
    claim = services.requester_profile_update(requester=claim, actor=claim.user, nik=desk.nik)
    assert claim.claimed_requester == desk


def test_profile_cannot_take_the_nik_of_another_account():
    RequesterFactory(nik="3201014501900001")
    requester = unverified()
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.requester_profile_update(requester=requester, actor=requester.user, nik="3201014501900001")


def test_two_accounts_claiming_one_desk_record_can_each_log_in_by_nik(client):
    desk = DeskRequesterFactory(nik="3201014501900001")
    for email, password in (("a@example.org", "Sandi-Pertama-2026"), ("b@example.org", "Sandi-Kedua-2026")):
        claim = account_registered(email=email, password=password, kind="person", full_name="X", nik=desk.nik)
        claim.user.is_active = True
        claim.user.save()
    for email, password in (("a@example.org", "Sandi-Pertama-2026"), ("b@example.org", "Sandi-Kedua-2026")):
        client.logout()
        assert client.post(reverse("login"), {"username": desk.nik, "password": password}).status_code == 302
        assert client.get(reverse("registry:profile")).context["requester"].email == email
