"""Writes of requester identity, one module per stage (docs/identity.md, "where does X live"):

- ``account``: registration, email confirmation, the requester's profile, expiry of unconfirmed sign-ups
- ``documents``: identity files (upload, removal by any path, logged access, retention purge)
- ``verification``: the transition map, one guard per transition, submit / approve / reject
- ``desk``: requesters recorded at the desk, and verification in person
"""

from .account import (
    Confirmation,
    email_confirm,
    email_confirmation_max_age,
    email_confirmation_token,
    email_normalize,
    registrations_unconfirmed_expire,
    requester_profile_update,
    requester_register,
)
from .base import CONTACT_FIELDS, EDITABLE_STATES, IDENTITY_FIELDS, person_nik_holder, requester_locked
from .desk import requester_create_at_desk, requester_verify_at_desk
from .documents import (
    access_report_log,
    identity_document_add,
    identity_document_delete,
    identity_document_delete_by_admin,
    identity_document_open,
    identity_document_refused_log,
    identity_document_remove,
    identity_files_purge,
    personal_data_export_log,
    requester_delete,
)
from .verification import (
    VERIFICATION_GUARDS,
    VERIFICATION_TRANSITIONS,
    requester_verification_approve,
    requester_verification_reject,
    requester_verification_submit,
    verification_actions,
)

__all__ = [
    "CONTACT_FIELDS", "Confirmation", "EDITABLE_STATES", "IDENTITY_FIELDS", "VERIFICATION_GUARDS", "VERIFICATION_TRANSITIONS",
    "access_report_log", "email_confirm", "email_confirmation_max_age", "email_confirmation_token", "email_normalize",
    "identity_document_add", "identity_document_delete", "identity_document_delete_by_admin", "identity_document_open",
    "identity_document_refused_log", "identity_document_remove", "identity_files_purge", "person_nik_holder",
    "personal_data_export_log", "registrations_unconfirmed_expire", "requester_create_at_desk", "requester_delete",
    "requester_locked", "requester_profile_update", "requester_register", "requester_verification_approve",
    "requester_verification_reject", "requester_verification_submit", "requester_verify_at_desk", "verification_actions",
]
