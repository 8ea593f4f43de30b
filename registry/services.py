"""Writes of requester identity: registration, profile, documents, verification, desk, retention.

Every change of verification state goes through a function here: it checks the current
state, locks the row, saves with update_fields and records a VerificationDecision.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.roles import REQUESTER
from ppid.uploads import upload_clean

from .models import IdentityAccessLog, IdentityDocument, Requester, VerificationDecision
from .selectors import requester_missing_documents

logger = logging.getLogger("ppid.registry")

EMAIL_CONFIRMATION_SALT = "registry.email-confirmation"
EMAIL_CONFIRMATION_MAX_AGE = 3 * 24 * 3600

# Identity data a requester may change only in EDITABLE_STATES: a verifier checked it otherwise.
IDENTITY_FIELDS = (
    "full_name", "nik", "entity_name", "deed_number", "deed_date", "decree_number", "representative_is_named_in_deed",
)
CONTACT_FIELDS = ("address", "occupation", "phone")
EDITABLE_STATES = (Requester.Verification.UNVERIFIED, Requester.Verification.REJECTED)


def email_normalize(email: str) -> str:
    # One address, one account: compare and store in lower case.
    return (email or "").strip().lower()


def _person_nik_taken(nik: str, *, exclude_pk=None) -> Requester | None:
    records = Requester.objects.filter(kind=Requester.Kind.PERSON, nik=nik, claimed_requester__isnull=True)
    if exclude_pk:
        records = records.exclude(pk=exclude_pk)
    return records.first()


def _nik_check_for_registration(kind: str, nik: str | None) -> Requester | None:
    """The desk record this registration claims, or None; raises when the NIK has an account."""
    if kind != Requester.Kind.PERSON or not nik:
        return None
    existing = _person_nik_taken(nik)
    if existing is None:
        return None
    if existing.user_id is not None:
        raise ValidationError(
            {"nik": _("NIK ini sudah terdaftar pada akun lain. Silakan masuk, atau pulihkan kata sandi.")},
            code="nik_taken",
        )
    return existing


@transaction.atomic
def requester_register(*, email: str, password: str, kind: str, full_name: str, nik: str | None, **fields) -> Requester:
    """An online account, inactive until the email link is followed; identity unverified."""
    User = get_user_model()
    email = email_normalize(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Alamat email ini sudah terdaftar. Silakan masuk atau pulihkan kata sandi.")}, code="email_taken")
    claimed = _nik_check_for_registration(kind, nik)
    user = User(username=f"pemohon-{secrets.token_hex(6)}", email=email, first_name=full_name[:150], is_active=False)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            requester = Requester.objects.create(
                user=user, kind=kind, full_name=full_name, nik=nik or None, email=email, claimed_requester=claimed, **fields
            )
    except IntegrityError:
        # Two registrations racing for the same email or NIK: the loser gets the same message.
        raise ValidationError(_("Email atau NIK ini baru saja didaftarkan. Silakan masuk."), code="duplicate") from None
    user.groups.add(Group.objects.get(name=REQUESTER))
    return requester


def email_confirmation_token(*, user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_CONFIRMATION_SALT, compress=True)


@transaction.atomic
def email_confirm(*, token: str):
    """Activate the account the signed link names. Raises ValidationError for a bad or old link."""
    invalid = ValidationError(_("Tautan konfirmasi tidak sah atau sudah kedaluwarsa. Minta tautan baru."), code="bad_token")
    try:
        payload = signing.loads(token, salt=EMAIL_CONFIRMATION_SALT, max_age=EMAIL_CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        raise invalid from None
    User = get_user_model()
    user = User.objects.select_for_update().filter(pk=payload.get("u"), email=payload.get("e")).first()
    if user is None:
        raise invalid
    requester = Requester.objects.select_for_update().filter(user=user).first()
    if requester is None:
        raise invalid
    if requester.email_confirmed_at is None:
        requester.email_confirmed_at = timezone.now()
        requester.save(update_fields=["email_confirmed_at", "updated_at"])
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def _locked(requester: Requester) -> Requester:
    return Requester.objects.select_for_update().get(pk=requester.pk)


@transaction.atomic
def requester_profile_update(*, requester: Requester, actor, **fields) -> Requester:
    """Contact data may always change; identity data only before it is verified or under review."""
    requester = _locked(requester)
    allowed = set(CONTACT_FIELDS)
    if requester.verification_status in EDITABLE_STATES:
        allowed |= set(IDENTITY_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Data identitas yang sudah diajukan atau terverifikasi tidak dapat diubah sendiri."), code="locked")
    if requester.kind == Requester.Kind.PERSON and fields.get("nik") and fields["nik"] != requester.nik:
        existing = _person_nik_taken(fields["nik"], exclude_pk=requester.pk)
        if existing is not None and (existing.user_id is not None or requester.user_id is None):
            raise ValidationError({"nik": _("NIK ini sudah terdaftar pada akun lain.")}, code="nik_taken")
        # A corrected NIK may now point at a desk record to claim, or at none.
        fields["claimed_requester"] = existing
    for name, value in fields.items():
        setattr(requester, name, value)
    requester.save(update_fields=[*fields, "updated_at"])
    if "full_name" in fields and requester.user_id:
        requester.user.first_name = requester.full_name[:150]
        requester.user.save(update_fields=["first_name"])
    return requester


def identity_document_add(*, requester: Requester, kind: str, upload, uploaded_by) -> IdentityDocument:
    """Check the file by its content, store it privately, record it; nothing stays behind on failure."""
    clean = upload_clean(upload)
    document = IdentityDocument(
        requester=requester,
        kind=kind,
        content_type=clean.content_type,
        size=clean.size,
        sha256=clean.sha256,
        uploaded_by=uploaded_by,
    )
    try:
        with transaction.atomic():
            locked = _locked(requester)
            if locked.verification_status not in EDITABLE_STATES:
                raise ValidationError(
                    _("Dokumen tidak dapat diubah selama verifikasi berlangsung atau setelah terverifikasi."),
                    code="locked",
                )
            # A random name: the original file name may carry a NIK or a person's name.
            document.file.save(f"{secrets.token_hex(16)}{clean.extension}", ContentFile(clean.content), save=False)
            document.save()
            locked.save(update_fields=["updated_at"])
    except BaseException:
        if document.file.name:
            document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def identity_document_delete(*, document: IdentityDocument, actor) -> None:
    """The requester removes a document before asking for verification (or after a rejection)."""
    requester = _locked(document.requester)
    if requester.verification_status not in EDITABLE_STATES:
        raise ValidationError(_("Dokumen yang sedang atau sudah diverifikasi tidak dapat dihapus."), code="locked")
    _document_remove(document, actor=actor, reason=_("dihapus oleh pemohon"))


def _document_remove(document: IdentityDocument, *, actor, reason: str) -> None:
    IdentityAccessLog.objects.create(
        document=document,
        requester_id=document.requester_id,
        action=IdentityAccessLog.Action.DELETE,
        user=actor,
        description=_("%(kind)s, SHA-256 %(sha)s, diunggah %(at)s: %(reason)s")
        % {"kind": document.get_kind_display(), "sha": document.sha256, "at": document.uploaded_at.isoformat(), "reason": reason},
    )
    file_name = document.file.name
    storage = document.file.storage
    document.delete()
    if file_name:
        storage.delete(file_name)


def identity_document_open(*, document: IdentityDocument, user):
    """Open a document's file for a user already allowed to see it, logging the access."""
    IdentityAccessLog.objects.create(
        document=document,
        requester_id=document.requester_id,
        action=IdentityAccessLog.Action.VIEW,
        user=user,
        description=f"{document.get_kind_display()} #{document.pk} ({document.file.name})",
    )
    return document.file.storage.open(document.file.name, "rb")


def personal_data_export_log(*, requester: Requester, user, export_format: str) -> None:
    IdentityAccessLog.objects.create(
        requester=requester,
        action=IdentityAccessLog.Action.EXPORT,
        user=user,
        description=_("Ekspor data pribadi (%(format)s)") % {"format": export_format},
    )


@transaction.atomic
def requester_verification_submit(*, requester: Requester, actor) -> Requester:
    """unverified / rejected -> pending, once every needed document is there."""
    requester = _locked(requester)
    if requester.verification_status not in EDITABLE_STATES:
        raise ValidationError(_("Identitas ini sudah diajukan atau sudah terverifikasi."), code="state")
    missing = requester_missing_documents(requester=requester)
    if missing:
        labels = ", ".join(str(IdentityDocument.Kind(kind).label) for kind in missing)
        raise ValidationError(_("Dokumen yang masih diperlukan: %(labels)s.") % {"labels": labels}, code="documents")
    if not requester.nik:
        raise ValidationError(_("Lengkapi NIK pada profil terlebih dahulu."), code="nik")
    requester.verification_status = Requester.Verification.PENDING
    requester.save(update_fields=["verification_status", "updated_at"])
    VerificationDecision.objects.create(
        requester=requester,
        outcome=VerificationDecision.Outcome.SUBMITTED,
        method=VerificationDecision.Method.ONLINE,
        decided_by=actor,
    )
    return requester


@transaction.atomic
def requester_verification_approve(*, requester: Requester, verifier) -> Requester:
    """pending -> verified. A claim of a desk record merges into that record instead."""
    requester = _locked(requester)
    if requester.verification_status != Requester.Verification.PENDING:
        raise ValidationError(_("Hanya pemohon yang menunggu verifikasi yang dapat disetujui."), code="state")
    if requester.claimed_requester_id:
        return _claim_merge(requester, verifier=verifier)
    _mark_verified(requester, verifier=verifier, method=VerificationDecision.Method.ONLINE)
    return requester


def _mark_verified(requester: Requester, *, verifier, method: str, reason: str = "") -> None:
    requester.verification_status = Requester.Verification.VERIFIED
    requester.verified_at = timezone.now()
    requester.verified_by = verifier
    requester.save(update_fields=["verification_status", "verified_at", "verified_by", "updated_at"])
    VerificationDecision.objects.create(
        requester=requester, outcome=VerificationDecision.Outcome.APPROVED, method=method, reason=reason, decided_by=verifier
    )


def _claim_merge(claim: Requester, *, verifier) -> Requester:
    """The online account takes over the desk record: its requests stay where they are."""
    record = Requester.objects.select_for_update().get(pk=claim.claimed_requester_id)
    if record.user_id is not None:
        raise ValidationError(
            _("Data meja layanan dengan NIK ini sudah dimiliki akun lain; tolak pengajuan ini."), code="claimed"
        )
    user = claim.user
    claim.user = None
    claim.save(update_fields=["user", "updated_at"])
    record.user = user
    for name in (*IDENTITY_FIELDS, *CONTACT_FIELDS, "email", "email_confirmed_at"):
        setattr(record, name, getattr(claim, name))
    record.save()
    claim.documents.update(requester=record)
    claim.verifications.update(requester=record)
    IdentityAccessLog.objects.filter(requester=claim).update(requester=record)
    _mark_verified(
        record,
        verifier=verifier,
        method=VerificationDecision.Method.ONLINE,
        reason=_("Akun daring digabungkan dengan data pemohon dari meja layanan."),
    )
    claim.delete()
    return record


@transaction.atomic
def requester_verification_reject(*, requester: Requester, verifier, reason: str) -> Requester:
    """pending -> rejected, with a reason the requester reads; they may correct and submit again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan agar pemohon dapat memperbaikinya.")}, code="reason")
    requester = _locked(requester)
    if requester.verification_status != Requester.Verification.PENDING:
        raise ValidationError(_("Hanya pemohon yang menunggu verifikasi yang dapat ditolak."), code="state")
    requester.verification_status = Requester.Verification.REJECTED
    requester.verified_at = None
    requester.verified_by = None
    requester.save(update_fields=["verification_status", "verified_at", "verified_by", "updated_at"])
    VerificationDecision.objects.create(
        requester=requester,
        outcome=VerificationDecision.Outcome.REJECTED,
        method=VerificationDecision.Method.ONLINE,
        reason=reason,
        decided_by=verifier,
    )
    return requester


@transaction.atomic
def requester_create_at_desk(*, officer, kind: str, full_name: str, nik: str | None = None, **fields) -> Requester:
    """A requester without an account, identity seen in the original at the desk: verified at once."""
    if kind == Requester.Kind.PERSON and nik and _person_nik_taken(nik):
        raise ValidationError({"nik": _("NIK ini sudah terdaftar; cari dan pilih pemohon tersebut.")}, code="nik_taken")
    try:
        with transaction.atomic():
            requester = Requester.objects.create(
                kind=kind,
                full_name=full_name,
                nik=nik or None,
                created_by=officer,
                verification_status=Requester.Verification.VERIFIED,
                verified_at=timezone.now(),
                verified_by=officer,
                **fields,
            )
    except IntegrityError:
        raise ValidationError({"nik": _("NIK ini sudah terdaftar; cari dan pilih pemohon tersebut.")}, code="nik_taken") from None
    VerificationDecision.objects.create(
        requester=requester,
        outcome=VerificationDecision.Outcome.APPROVED,
        method=VerificationDecision.Method.DESK,
        decided_by=officer,
    )
    return requester


@transaction.atomic
def requester_verify_at_desk(*, requester: Requester, officer) -> Requester:
    """The officer saw the original identity document at the desk: that counts as verified."""
    requester = _locked(requester)
    if requester.verification_status == Requester.Verification.VERIFIED:
        return requester
    if requester.claimed_requester_id:
        requester.verification_status = Requester.Verification.PENDING
        return _claim_merge(requester, verifier=officer)
    _mark_verified(requester, verifier=officer, method=VerificationDecision.Method.DESK)
    return requester


def identity_files_purge(*, requesters: Iterable[Requester], actor=None, still_due=None) -> int:
    """Delete the identity files of these requesters (retention has passed), logging each one.

    The caller decides who is past retention; this function only deletes and records.
    ``still_due(requester_id) -> bool``, when given, is asked again once the requester's row
    is locked, so that activity since the caller's selection keeps the files.
    Returns the number of files deleted.
    """
    deleted = 0
    for requester in requesters:
        with transaction.atomic():
            locked = _locked(requester)
            if still_due is not None and not still_due(locked.pk):
                continue
            for document in list(locked.documents.all()):
                _document_remove(document, actor=actor, reason=_("masa retensi berakhir"))
                deleted += 1
        logger.info("identity files of requester %s purged", requester.pk)
    return deleted
