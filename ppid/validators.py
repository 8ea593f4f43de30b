"""Validators of the office core."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# NIP of a civil servant (PP 17/2020 format): 18 ASCII digits (birth date, appointment, sex, serial).
NIP_PATTERN = re.compile(r"[0-9]{18}")


def validate_nip(value: str) -> None:
    if value and not NIP_PATTERN.fullmatch(value):
        raise ValidationError(_("NIP terdiri atas 18 angka (tanpa spasi)."), code="nip")


def nip_display(value: str) -> str:
    """"198001012005011001" -> "19800101 200501 1 001", as NIPs are printed on letters."""
    if not value or not NIP_PATTERN.fullmatch(value):
        return value or ""
    return f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}"
