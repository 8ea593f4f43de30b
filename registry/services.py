"""Writes of requester identity: registration, desk creation, verification."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Requester, VerificationDecision


@transaction.atomic
def requester_create_at_desk(*, officer, kind: str, full_name: str, nik: str | None = None, **fields) -> Requester:
    """A requester without an account, identity seen in the original at the desk: verified at once."""
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
    VerificationDecision.objects.create(
        requester=requester,
        outcome=VerificationDecision.Outcome.APPROVED,
        method=VerificationDecision.Method.DESK,
        decided_by=officer,
    )
    return requester
