"""The desk: requesters recorded without an account, and online requesters verified in person."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.rules import verdict_enforce

from ..models import Requester, VerificationDecision
from .base import person_nik_holder, requester_locked
from .verification import VERIFY_AT_DESK, claim_merge, verification_apply, verification_at_desk_guard


def _nik_taken_error():
    return ValidationError({"nik": _("NIK ini sudah terdaftar; cari dan pilih pemohon tersebut.")}, code="nik_taken")


@transaction.atomic
def requester_create_at_desk(*, officer, kind: str, full_name: str, nik: str | None = None, now: dt.datetime | None = None, **fields) -> Requester:
    """A requester without an account, identity seen in the original at the desk: verified at once."""
    now = now or timezone.now()
    if kind == Requester.Kind.PERSON and nik and person_nik_holder(nik):
        raise _nik_taken_error()
    try:
        with transaction.atomic():
            requester = Requester.objects.create(kind=kind, full_name=full_name, nik=nik or None, created_by=officer, **fields)
    except IntegrityError:
        raise _nik_taken_error() from None
    verification_apply(
        requester, transition=VERIFY_AT_DESK, actor=officer, now=now, method=VerificationDecision.Method.DESK
    )
    return requester


@transaction.atomic
def requester_verify_at_desk(*, requester: Requester, officer, now: dt.datetime | None = None) -> Requester:
    """The officer saw the original identity document at the desk: that counts as verified.

    A pending claim of a desk record merges into that record; a record another account already
    holds is refused (TransitionRefused) with the reason, never an error page."""
    now = now or timezone.now()
    requester = requester_locked(requester)
    if requester.verification_status == Requester.Verification.VERIFIED and not requester.claimed_requester_id:
        return requester  # intake marks "identity seen" for a requester verified meanwhile: nothing to do
    if requester.claimed_requester_id:
        requester.claimed_requester = requester_locked(requester.claimed_requester_id)
    verdict_enforce(verification_at_desk_guard(officer, requester, now))
    if requester.claimed_requester_id:
        return claim_merge(requester, actor=officer, now=now, method=VerificationDecision.Method.DESK)
    verification_apply(requester, transition=VERIFY_AT_DESK, actor=officer, now=now, method=VerificationDecision.Method.DESK)
    return requester
