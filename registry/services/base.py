"""What every stage of the registry shares: the row lock and the groups of fields."""

from __future__ import annotations

from ..models import Requester

# Identity data a requester may change only in EDITABLE_STATES: a verifier checked it otherwise.
IDENTITY_FIELDS = (
    "full_name", "nik", "entity_name", "deed_number", "deed_date", "decree_number", "representative_is_named_in_deed",
)
CONTACT_FIELDS = ("address", "occupation", "phone")
EDITABLE_STATES = (Requester.Verification.UNVERIFIED, Requester.Verification.REJECTED)


def requester_locked(requester: Requester | int) -> Requester:
    """The requester's row, locked until the surrounding transaction ends."""
    pk = requester if isinstance(requester, int) else requester.pk
    return Requester.objects.select_for_update().get(pk=pk)


def person_nik_holder(nik: str, *, exclude_pk=None) -> Requester | None:
    """The person record that holds this NIK: a desk record or a confirmed account (never a claim,
    never an unconfirmed registration: an unconfirmed address holds no NIK, so it cannot squat one)."""
    records = Requester.objects.filter(Requester.nik_holder_q(), kind=Requester.Kind.PERSON, nik=nik)
    if exclude_pk:
        records = records.exclude(pk=exclude_pk)
    return records.first()
