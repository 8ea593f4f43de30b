"""The register's exports and print: CSV streamed by the view, XLSX and the printed register built
in the background (ppid.generated kinds registered in RequestsConfig.ready).

All three read requests.selectors_register's typed rows in chunks: constant memory whatever
the number of rows. Text goes through ppid.exports' formula escaping; numbers and dates stay typed.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from ppid.exports import XlsxSheetWriter, csv_lines, printed_text
from ppid.generated import FileKind, generated_file_kind_register, params_read
from ppid.pdf_parts import render_pdf_in_parts
from ppid.sequences import register_number_sort_key

from .selectors_register import COLUMNS, PRINTED_COLUMNS, RegisterFilters, register_rows, register_value_rows

EXPORT_CHUNK = 2000
# The printed register is built in the background; a period longer than this is refused.
REGISTER_PRINT_MAX_ROWS = 5000
# Rows laid out per part of the printed register (see ppid.pdf_parts.render_pdf_in_parts).
PRINT_PART_ROWS = 60
# A word this long may not fit its printed column: its cell may break anywhere (register.css).
LONG_WORD = re.compile(r"\S{13,}")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGISTER_XLSX = "requests.register_xlsx"
REGISTER_PDF = "requests.register_pdf"
PERMISSION = "requests.view_register"


def filters_from_params(params: dict) -> RegisterFilters:
    return params_read(RegisterFilters, params)


def register_csv_lines(*, filters: RegisterFilters, user, now: dt.datetime):
    rows = register_rows(filters=filters, user=user, now=now)
    return csv_lines([label for _key, label in COLUMNS], register_value_rows(rows, chunk_size=EXPORT_CHUNK))


def export_name(extension: str, now: dt.datetime) -> str:
    return f"buku-register-permohonan-{timezone.localtime(now):%Y%m%d-%H%M}.{extension}"


def register_xlsx_build(*, owner, params: dict, output, progress) -> tuple[str, str]:
    now = timezone.now()
    with override(params.get("language") or "id"):
        rows = register_rows(filters=filters_from_params(params), user=owner, now=now)
        total = rows.count()
        writer = XlsxSheetWriter(output, _("Register permohonan"), [label for _key, label in COLUMNS])
        for done, values in enumerate(register_value_rows(rows, chunk_size=EXPORT_CHUNK), start=1):
            writer.append(values)
            if done % EXPORT_CHUNK == 0:
                progress(done, total)
        writer.close()
    return export_name("xlsx", now), XLSX_CONTENT_TYPE


def register_print_lines(rows) -> list[list[str]]:
    """The printed columns as text (dates d-m-Y) in register-number order, as the register book reads.

    The number is given when a request is registered complete, which is not always the order of the
    received moments (a desk intake recorded later with an earlier received time): the print follows the
    numbers. A printed register is one period with a row cap, so sorting here costs little."""
    rows = list(register_value_rows(rows.order_by("received_at", "id"), chunk_size=EXPORT_CHUNK))
    rows.sort(key=lambda values: register_number_sort_key(kind="request", number=values[0]))
    return [[printed_text(value) for value in values[: len(PRINTED_COLUMNS)]] for values in rows]


def register_pdf_build(*, owner, params: dict, output, progress) -> tuple[str, str]:
    """The printed register of a period (Indonesian, as every document), laid out in parts of PRINT_PART_ROWS rows."""
    filters = filters_from_params(params)
    now = timezone.now()
    with override("id"):
        rows = register_rows(filters=filters, user=owner, now=now)
        lines = [
            [(value, LONG_WORD.search(value) is not None) for value in (str(number), *cells)]
            for number, cells in enumerate(register_print_lines(rows), start=1)
        ]
        parts = [lines[start : start + PRINT_PART_ROWS] for start in range(0, len(lines), PRINT_PART_ROWS)] or [[]]
        contexts = [
            {
                "columns": PRINTED_COLUMNS,
                "lines": part,
                "is_first": index == 0,
                "is_last": index == len(parts) - 1,
                "date_from": filters.date_from,
                "date_to": filters.date_to,
                "printed_at": now,
            }
            for index, part in enumerate(parts)
        ]
        pdf = render_pdf_in_parts("requests/print/register.html", contexts, progress=progress)
    output.write(pdf)
    name = f"buku-register-permohonan-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}.pdf"
    return name, "application/pdf"


def register_export_kinds() -> None:
    generated_file_kind_register(
        FileKind(REGISTER_XLSX, gettext_lazy("Ekspor XLSX buku register permohonan"), PERMISSION, register_xlsx_build)
    )
    generated_file_kind_register(
        FileKind(REGISTER_PDF, gettext_lazy("Cetakan buku register permohonan"), PERMISSION, register_pdf_build)
    )
