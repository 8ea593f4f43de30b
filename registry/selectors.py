"""Reads of requester identity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest

from ppid.hygiene import text_has_control_characters
from ppid.models import Unit
from ppid.shared_config import user_unit_kind

from .models import IdentityAccessLog, IdentityDocument, Requester, VerificationDecision
from .personal_data import personal_data_sections
from .validators import NIK_PATTERN


# Documents needed before a requester may ask for verification, per kind (seeds 002 and 003;
# the representative's KTP for an entity or group).
Doc = IdentityDocument.Kind
REQUIRED_DOCUMENTS = {
    Requester.Kind.PERSON: (Doc.KTP,),
    Requester.Kind.LEGAL_ENTITY: (Doc.KTP, Doc.DEED, Doc.DECREE),
    Requester.Kind.COMMUNITY_GROUP: (Doc.KTP, Doc.DEED, Doc.DOMICILE_LETTER),
}


def requester_missing_documents(*, requester: Requester) -> list[str]:
    """Kinds of document still needed before verification can be requested."""
    needed = list(REQUIRED_DOCUMENTS[requester.kind])
    if requester.kind == Requester.Kind.LEGAL_ENTITY and not requester.representative_is_named_in_deed:
        needed.append(Doc.POWER_OF_ATTORNEY)  # the akta does not name who speaks for the entity
    present = set(requester.documents.values_list("kind", flat=True))
    return [kind for kind in needed if kind not in present]


# -- visibility: one rule per kind of record ------------------------------------------------
# registry/ cannot ask requests/ which requests a user may see; requests registers the answer
# from its AppConfig.ready (docs/architecture.md): scope(user) -> None (no unit limit) or a
# queryset of requester ids the user's unit deals with.
_requester_scope_hooks: list[Callable] = []


def register_requester_scope_hook(hook: Callable) -> None:
    if hook not in _requester_scope_hooks:
        _requester_scope_hooks.append(hook)


def _scope_limit(user):
    """None when the user is not confined to a unit; otherwise the requester ids they may see."""
    if user.is_superuser:
        return None
    if not _requester_scope_hooks:  # nothing tells what a unit deals with: a unit's staff see nothing
        confined = user.unit_id is None or user_unit_kind(user) == Unit.Kind.ASSISTING
        return Requester.objects.none().values("pk") if confined else None
    for hook in _requester_scope_hooks:
        limit = hook(user)
        if limit is not None:
            return limit
    return None


def requesters_visible_to(*, user) -> QuerySet[Requester]:
    """The requesters a user may see: their own record; staff with registry.view_requester all of
    them, except a PPID Pembantu's staff, who see those with a request in their unit (staff without
    a unit, a misconfigured account, see none)."""
    if not user.is_authenticated:
        return Requester.objects.none()
    if not user.has_perm("registry.view_requester"):
        return Requester.objects.filter(user=user)
    limit = _scope_limit(user)
    requesters = Requester.objects.all()
    return requesters if limit is None else requesters.filter(pk__in=limit)


def identity_documents_visible_to(*, user) -> QuerySet[IdentityDocument]:
    """The owner's own files; staff with registry.view_identitydocument those of the requesters they may see."""
    if not user.is_authenticated:
        return IdentityDocument.objects.none()
    own = Q(requester__user=user)
    if not user.has_perm("registry.view_identitydocument"):
        return IdentityDocument.objects.filter(own)
    return IdentityDocument.objects.filter(own | Q(requester__in=requesters_visible_to(user=user)))


def identity_document_visible_to(*, document: IdentityDocument, user) -> bool:
    return identity_documents_visible_to(user=user).filter(pk=document.pk).exists()


def requesters_search(*, query: str, user, limit: int = 20) -> QuerySet[Requester]:
    """Find requesters at the desk by NIK (exact), phone or name (contains), among those the user may see.

    A desk officer confined to a unit also finds a requester by the exact NIK on the KTP shown
    at the desk, so that a walk-in requester known elsewhere is not recorded twice."""
    query = (query or "").strip()
    if not query or text_has_control_characters(query):
        return Requester.objects.none()
    if NIK_PATTERN.fullmatch(query):
        condition = Q(nik=query)
    else:
        digits = "".join(ch for ch in query if ch in "0123456789+")
        condition = Q(full_name__icontains=query) | Q(entity_name__icontains=query)
        if len(digits) >= 6:
            condition |= Q(phone__contains=digits)
    visible = Q(pk__in=requesters_visible_to(user=user).values("pk"))
    if NIK_PATTERN.fullmatch(query) and user.has_perm("registry.add_requester"):
        visible |= Q(nik=query)
    found = Requester.objects.filter(condition).filter(visible)
    # Pending online claims are not records of their own yet, nor are unconfirmed registrations.
    return found.filter(Requester.nik_holder_q()).order_by("full_name")[:limit]


def requester_access_log(*, requester: Requester) -> QuerySet[IdentityAccessLog]:
    """Who opened, exported, refused or deleted what of a requester's data, newest first."""
    return IdentityAccessLog.objects.filter(requester=requester).select_related("user", "document").order_by("-at", "-pk")


def requesters_pending_verification(*, user) -> QuerySet[Requester]:
    """The verifier's queue, oldest submission first."""
    return (
        requesters_visible_to(user=user)
        .filter(verification_status=Requester.Verification.PENDING)
        .select_related("user", "claimed_requester")
        .order_by("updated_at", "pk")
    )


def user_awaiting_email_confirmation(*, email: str):
    """The inactive account registered with this email whose link was never followed, or None."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            email__iexact=(email or "").strip(), is_active=False, last_login__isnull=True,
            requester__email_confirmed_at__isnull=True,
        )
        .first()
    )


def verification_latest_decision(*, requester: Requester) -> VerificationDecision | None:
    """The latest approval or rejection (not the requester's own submission)."""
    return (
        requester.verifications.exclude(outcome=VerificationDecision.Outcome.SUBMITTED)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
        .first()
    )


def requesters_idle_with_identity_files(*, before: dt.datetime) -> QuerySet[Requester]:
    """Requesters holding identity files whose own identity activity (profile, account, documents,
    verification) all lies before `before`. Requests, objections and disputes are judged by the
    project layer, which knows those apps."""
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (
        Requester.objects.filter(pk__in=IdentityDocument.objects.values("requester"))
        .annotate(
            identity_activity_at=Greatest(
                "updated_at",
                Coalesce("user__last_login", epoch),
                Coalesce(Max("documents__uploaded_at"), epoch),
                Coalesce(Max("verifications__decided_at"), epoch),
            )
        )
        .filter(identity_activity_at__lt=before)
    )


def requester_personal_data(*, requester: Requester) -> dict:
    """Everything the registry holds about a requester (UU 27/2022 right of access), as plain data."""
    user = requester.user
    return {
        "profil": {
            "jenis_pemohon": str(requester.get_kind_display()),
            "nik": requester.nik or "",
            "nama_sesuai_ktp": requester.full_name,
            "alamat": requester.address,
            "pekerjaan": requester.occupation,
            "telepon": requester.phone,
            "email": requester.email,
            "nama_badan_atau_kelompok": requester.entity_name,
            "nomor_akta": requester.deed_number,
            "tanggal_akta": requester.deed_date.isoformat() if requester.deed_date else None,
            "nomor_sk": requester.decree_number,
            "kuasa_disebut_dalam_akta": requester.representative_is_named_in_deed,
            "status_verifikasi": str(requester.get_verification_status_display()),
            "diverifikasi_pada": _iso(requester.verified_at),
            "email_dikonfirmasi_pada": _iso(requester.email_confirmed_at),
            "dibuat_pada": _iso(requester.created_at),
            "diperbarui_pada": _iso(requester.updated_at),
        },
        "akun": {
            "email": user.email,
            "terdaftar_pada": _iso(user.date_joined),
            "terakhir_masuk": _iso(user.last_login),
        }
        if user
        else None,
        "dokumen_identitas": [
            {
                "jenis": str(document.get_kind_display()),
                "jenis_isi": document.content_type,
                "ukuran_byte": document.size,
                "sha256": document.sha256,
                "diunggah_pada": _iso(document.uploaded_at),
            }
            for document in requester.documents.order_by("uploaded_at")
        ],
        "keputusan_verifikasi": [
            {
                "hasil": str(decision.get_outcome_display()),
                "cara": str(decision.get_method_display()),
                "alasan": decision.reason,
                "diputuskan_oleh": str(decision.decided_by),
                "diputuskan_pada": _iso(decision.decided_at),
            }
            for decision in requester.verifications.select_related("decided_by").order_by("decided_at")
        ],
        "log_akses": [
            {
                "waktu": _iso(entry.at),
                "tindakan": str(entry.get_action_display()),
                "oleh": str(entry.user) if entry.user else "",
                "keterangan": entry.description,
            }
            for entry in IdentityAccessLog.objects.filter(requester=requester).select_related("user").order_by("at")
        ],
        # Requests, objections and the like, contributed by the apps that hold them.
        "lainnya": personal_data_sections(requester=requester),
    }


def _iso(moment):
    return moment.isoformat() if moment else None
