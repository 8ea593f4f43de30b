"""Verification of a requester's identity: the transition map, one guard per transition, the services.

A guard is a pure function ``(actor, requester, now) -> Verdict`` (ppid.rules): it reads the
requester (and its documents or claimed record) and answers allowed or why not. The service
calls it on the locked row (``verdict_enforce``); the pages offer exactly the actions whose
guard allows them (``verification_actions``). Which requesters a staff member may open at all is
the visibility rule (``registry.selectors.requesters_visible_to``), asked by the views. The status is written only by
``_verification_move``, which follows ``VERIFICATION_TRANSITIONS``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.notify import requester_notify
from ppid.rules import ALLOWED, Action, Verdict, actions_available, actor_has_any, forbid, refuse, verdict_enforce

from ..models import IdentityAccessLog, IdentityDocument, Requester, VerificationDecision
from ..selectors import requester_missing_documents
from .base import CONTACT_FIELDS, EDITABLE_STATES, IDENTITY_FIELDS, requester_locked

V = Requester.Verification
SUBMIT, APPROVE, REJECT, VERIFY_AT_DESK = "submit", "approve", "reject", "verify_at_desk"

# transition -> (the states it leaves from, the state it reaches)
VERIFICATION_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    SUBMIT: (frozenset(EDITABLE_STATES), V.PENDING),
    APPROVE: (frozenset({V.PENDING}), V.VERIFIED),
    REJECT: (frozenset({V.PENDING}), V.REJECTED),
    # The original was seen at the desk: verified at once, whatever the online state was.
    VERIFY_AT_DESK: (frozenset({V.UNVERIFIED, V.PENDING, V.REJECTED}), V.VERIFIED),
}
VERIFY_PERMISSION = "registry.verify_requester"
DESK_VERIFY_PERMISSIONS = ("registry.add_requester", "registry.verify_requester")

# Stored records are in Indonesian whatever the officer's interface language.
MERGE_NOTE = "Akun daring digabungkan dengan data pemohon dari meja layanan."
CLAIM_TAKEN = _("Data meja layanan dengan NIK ini sudah dimiliki akun lain; tolak pengajuan ini.")


def _state_allows(transition: str, requester: Requester, reason) -> Verdict:
    sources, _target = VERIFICATION_TRANSITIONS[transition]
    return ALLOWED if requester.verification_status in sources else refuse(reason)


def _claim_verdict(requester: Requester) -> Verdict:
    """A claim can take over its desk record only while no other account holds it."""
    record = requester.claimed_requester
    if record is not None and record.user_id is not None:
        return refuse(CLAIM_TAKEN)
    return ALLOWED


def verification_submit_guard(actor, requester: Requester, now: dt.datetime) -> Verdict:
    if actor is None or not actor.is_authenticated or requester.user_id != actor.pk:
        return forbid(_("Hanya pemohon sendiri yang dapat mengajukan verifikasi identitasnya."))
    verdict = _state_allows(SUBMIT, requester, _("Identitas ini sudah diajukan atau sudah terverifikasi."))
    if not verdict.allowed:
        return verdict
    missing = requester_missing_documents(requester=requester)
    if missing:
        labels = ", ".join(str(IdentityDocument.Kind(kind).label) for kind in missing)
        return refuse(_("Dokumen yang masih diperlukan: %(labels)s.") % {"labels": labels})
    if not requester.nik:
        return refuse(_("Lengkapi NIK pada profil terlebih dahulu."))
    return ALLOWED


def verification_approve_guard(actor, requester: Requester, now: dt.datetime) -> Verdict:
    if not actor_has_any(actor, (VERIFY_PERMISSION,)):
        return forbid()
    verdict = _state_allows(APPROVE, requester, _("Hanya pemohon yang menunggu verifikasi yang dapat disetujui."))
    return _claim_verdict(requester) if verdict.allowed else verdict


def verification_reject_guard(actor, requester: Requester, now: dt.datetime) -> Verdict:
    if not actor_has_any(actor, (VERIFY_PERMISSION,)):
        return forbid()
    return _state_allows(REJECT, requester, _("Hanya pemohon yang menunggu verifikasi yang dapat ditolak."))


def verification_at_desk_guard(actor, requester: Requester, now: dt.datetime) -> Verdict:
    if actor is None or not actor.is_authenticated or not all(actor.has_perm(p) for p in DESK_VERIFY_PERMISSIONS):
        return forbid()
    verdict = _state_allows(VERIFY_AT_DESK, requester, _("Identitas pemohon ini sudah terverifikasi."))
    return _claim_verdict(requester) if verdict.allowed else verdict


VERIFICATION_GUARDS = {
    SUBMIT: verification_submit_guard,
    APPROVE: verification_approve_guard,
    REJECT: verification_reject_guard,
    VERIFY_AT_DESK: verification_at_desk_guard,
}
# The staff actions a requester's verification page offers, in this order.
STAFF_ACTIONS = (
    Action(APPROVE, _("Setujui"), "registry:verification-approve", verification_approve_guard),
    Action(REJECT, _("Tolak"), "registry:verification-reject", verification_reject_guard),
    Action(VERIFY_AT_DESK, _("Verifikasi di meja layanan"), "registry:desk-verify", verification_at_desk_guard),
)


class OwnAction(Action):
    """An action on the requester's own record: its page takes no id."""

    def url(self, obj) -> str:
        from django.urls import reverse

        return reverse(self.url_name)


REQUESTER_ACTIONS = (
    OwnAction(SUBMIT, _("Ajukan verifikasi"), "registry:verification-submit", verification_submit_guard),
)


def verification_actions(*, actor, requester: Requester, now: dt.datetime, own: bool = False):
    """The transitions offered on a page: exactly those whose guard allows them."""
    return actions_available(REQUESTER_ACTIONS if own else STAFF_ACTIONS, actor=actor, obj=requester, now=now)


def _verification_move(requester: Requester, transition: str) -> list[str]:
    """The one place that writes the verification status; returns the fields changed."""
    sources, target = VERIFICATION_TRANSITIONS[transition]
    if requester.verification_status not in sources:
        raise AssertionError(f"{transition} from {requester.verification_status}: the guard should have refused")
    requester.verification_status = target
    if target == V.VERIFIED:
        return ["verification_status", "verified_at", "verified_by"]
    if target == V.REJECTED:
        requester.verified_at = None
        requester.verified_by = None
        return ["verification_status", "verified_at", "verified_by"]
    return ["verification_status"]


IDENTITY_VERIFIED = "identity_verified"
IDENTITY_REJECTED = "identity_rejected"
_NOTIFIED = {VerificationDecision.Outcome.APPROVED: IDENTITY_VERIFIED, VerificationDecision.Outcome.REJECTED: IDENTITY_REJECTED}


def _decision_record(requester, *, outcome, method, actor, reason="") -> None:
    decision = VerificationDecision.objects.create(requester=requester, outcome=outcome, method=method, reason=reason, decided_by=actor)
    if outcome in _NOTIFIED:  # told after commit, by email (if wanted) and on the requester's page
        requester_notify(
            kind=_NOTIFIED[outcome],
            item_type="requester",
            item_id=requester.pk,
            requester_id=requester.pk,
            key=f"verification:{decision.pk}",
            data={"reason": reason} if reason else {},
        )


def verification_apply(requester: Requester, *, transition: str, actor, now: dt.datetime, method: str, reason: str = "") -> None:
    """Move a locked (or just created) requester along one transition and record the decision."""
    changed = _verification_move(requester, transition)
    if requester.verification_status == V.VERIFIED:
        requester.verified_at = now
        requester.verified_by = actor
    requester.save(update_fields=[*changed, "updated_at"])
    outcome = {SUBMIT: VerificationDecision.Outcome.SUBMITTED, REJECT: VerificationDecision.Outcome.REJECTED}.get(
        transition, VerificationDecision.Outcome.APPROVED
    )
    _decision_record(requester, outcome=outcome, method=method, actor=actor, reason=reason)


@transaction.atomic
def requester_verification_submit(*, requester: Requester, actor, now: dt.datetime | None = None) -> Requester:
    """unverified / rejected -> pending, once every needed document is there."""
    now = now or timezone.now()
    requester = requester_locked(requester)
    verdict_enforce(verification_submit_guard(actor, requester, now))
    verification_apply(requester, transition=SUBMIT, actor=actor, now=now, method=VerificationDecision.Method.ONLINE)
    return requester


@transaction.atomic
def requester_verification_approve(*, requester: Requester, verifier, now: dt.datetime | None = None) -> Requester:
    """pending -> verified. A claim of a desk record merges into that record instead."""
    now = now or timezone.now()
    requester = requester_locked(requester)
    if requester.claimed_requester_id:
        requester.claimed_requester = requester_locked(requester.claimed_requester_id)
    verdict_enforce(verification_approve_guard(verifier, requester, now))
    if requester.claimed_requester_id:
        return claim_merge(requester, actor=verifier, now=now, method=VerificationDecision.Method.ONLINE)
    verification_apply(requester, transition=APPROVE, actor=verifier, now=now, method=VerificationDecision.Method.ONLINE)
    return requester


@transaction.atomic
def requester_verification_reject(*, requester: Requester, verifier, reason: str, now: dt.datetime | None = None) -> Requester:
    """pending -> rejected, with a reason the requester reads; they may correct and submit again."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan agar pemohon dapat memperbaikinya.")}, code="reason")
    requester = requester_locked(requester)
    verdict_enforce(verification_reject_guard(verifier, requester, now))
    verification_apply(
        requester, transition=REJECT, actor=verifier, now=now, method=VerificationDecision.Method.ONLINE, reason=reason
    )
    return requester


def claim_merge(claim: Requester, *, actor, now: dt.datetime, method: str) -> Requester:
    """The online account takes over the desk record (locked by the caller): its requests stay where they are.

    The claim is approved (or verified at the desk) along the map; the record, already
    verified at the desk, records the decision that gave it an account."""
    record = claim.claimed_requester
    transition = APPROVE if method == VerificationDecision.Method.ONLINE else VERIFY_AT_DESK
    _verification_move(claim, transition)  # checks the claim's own state against the map
    user = claim.user
    claim.user = None
    claim.save(update_fields=["user", "updated_at"])
    record.user = user
    for name in (*IDENTITY_FIELDS, *CONTACT_FIELDS, "email", "email_confirmed_at"):
        setattr(record, name, getattr(claim, name))
    if record.verification_status != V.VERIFIED:
        _verification_move(record, VERIFY_AT_DESK)
    record.verified_at = now
    record.verified_by = actor
    record.save()
    claim.documents.update(requester=record)
    claim.verifications.update(requester=record)
    IdentityAccessLog.objects.filter(requester=claim).update(requester=record)
    _decision_record(
        record, outcome=VerificationDecision.Outcome.APPROVED, method=method, actor=actor,
        reason=MERGE_NOTE,
    )
    claim.delete()
    return record
