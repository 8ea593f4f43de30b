"""Tracking codes for public status pages: random, from a cryptographic generator, never derived
from a register number or a database id."""

import secrets

# No 0/O, 1/I/L: codes are read aloud on the phone and typed from paper receipts.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_CODE_LENGTH = 12


def new_tracking_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
