"""Identity number rules: a NIK is 16 ASCII digits encoding province, birth date (+40 for women)."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# [0-9], not \d: \d also accepts digits of other scripts.
NIK_PATTERN = re.compile(r"[0-9]{16}")

# Province codes (kode wilayah, Permendagri): the first two digits of a NIK.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96", "97",
    }
)


def validate_nik(value: str) -> None:
    """One clear message per problem."""
    if not NIK_PATTERN.fullmatch(value or ""):
        raise ValidationError(_("NIK harus terdiri atas 16 angka (0-9)."), code="nik_format")
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(_("Dua angka pertama NIK bukan kode provinsi yang dikenal."), code="nik_province")
    day, month, year = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if day > 40:
        day -= 40  # women: the day of birth plus 40
    try:
        dt.date(2000 + year, month, day)  # a leap-year century keeps 29 February valid
    except ValueError:
        raise ValidationError(_("Bagian tanggal lahir pada NIK (angka ke-7 sampai ke-12) bukan tanggal yang benar."), code="nik_birth_date") from None
    if value[12:] == "0000":
        raise ValidationError(_("Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000."), code="nik_serial")
