"""Register numbers: a gapless per-year sequence per kind for the whole office.

A number is taken inside the transaction that registers the record. The increment is one
``UPDATE ... SET last_number = last_number + 1`` that locks the row until commit, so two
transactions never get the same number and a rollback gives the number back.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from .models import RegisterSequence

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def format_register_number(*, kind: str, number: int, on: dt.date) -> str:
    pattern = settings.PPID_REGISTER_NUMBER_FORMATS[kind]
    return pattern.format(number=number, month_roman=ROMAN_MONTHS[on.month - 1], month=on.month, year=on.year)


def take_next_number(*, kind: str, year: int) -> int:
    """Increment and return the sequence for ``kind`` and ``year``; call inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside the registering transaction")
    RegisterSequence.objects.bulk_create(
        [RegisterSequence(kind=kind, year=year, last_number=0)], ignore_conflicts=True
    )
    sequence = RegisterSequence.objects.filter(kind=kind, year=year)
    if connection.vendor == "postgresql":
        # The row lock is taken by the UPDATE itself and held to commit; RETURNING reads our own value.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {RegisterSequence._meta.db_table} SET last_number = last_number + 1 "
                "WHERE kind = %s AND year = %s RETURNING last_number",
                [kind, year],
            )
            return cursor.fetchone()[0]
    # SQLite serialises writers (IMMEDIATE transactions), so update-then-read is atomic.
    sequence.update(last_number=F("last_number") + 1)
    return sequence.values_list("last_number", flat=True).get()


def next_register_number(*, kind: str, on: dt.date) -> str:
    """The next formatted register number for ``kind``, its year and month from the local date ``on``."""
    return format_register_number(kind=kind, number=take_next_number(kind=kind, year=on.year), on=on)


def _number_pattern(kind: str) -> re.Pattern:
    """The format of ``kind`` as a regular expression that reads the year and the serial back."""
    fields = {"number": r"(?P<number>\d+)", "year": r"(?P<year>\d{4})", "month_roman": r"[IVX]+", "month": r"\d{1,2}"}
    pattern = settings.PPID_REGISTER_NUMBER_FORMATS[kind]
    parts, position, used = [], 0, set()
    for match in re.finditer(r"\{(\w+)(?::[^}]*)?\}", pattern):
        name = match.group(1)
        parts.append(re.escape(pattern[position : match.start()]))
        parts.append(fields[name] if name in fields and name not in used else r".+?")
        used.add(name)
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("^" + "".join(parts) + "$")


def register_number_sort_key(*, kind: str, number: str | None) -> tuple:
    """(year, serial) of a formatted number, so a register prints in the order its numbers were given
    (the received moment differs from it for requests registered after a backdated intake)."""
    match = _number_pattern(kind).match(number or "")
    if match is None:
        return (9999, 0, number or "")
    groups = match.groupdict()
    return (int(groups.get("year") or 0), int(groups["number"]), number)
