"""The buku register keberatan as background documents: the XLSX export and the printed register.

Kinds registered in ObjectionsConfig.ready (ppid.generated). Each builder reads the register through
the same selector as the page, as its owner may see it when the job runs; the XLSX is written row by
row in constant memory, the print is laid out in parts with a progress step per part. The CSV stays a
streamed response (objections.views.register): it costs no more than reading the rows.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from ppid.exports import XlsxSheetWriter, printed_text
from ppid.generated import FileKind, generated_file_kind_register, params_read
from ppid.pdf import DOCUMENT_LANGUAGE
from ppid.pdf_parts import render_pdf_in_parts
from ppid.workdays import OfficeCalendar

from .selectors_register import COLUMNS, ROW_CHUNK, RegisterFilters, register_queryset, register_value_rows

REGISTER_XLSX = "objections.register_xlsx"
REGISTER_PDF = "objections.register_pdf"
PERMISSION = "objections.view_objection_register"
REGISTER_TEMPLATE = "print/objections/register.html"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A printed register longer than this is asked for a shorter period (as the request register).
PRINT_MAX_ROWS = 5000
# Rows laid out per part of the print (see ppid.pdf_parts.render_pdf_in_parts).
PRINT_PART_ROWS = 60


def filters_from_params(params: dict) -> RegisterFilters:
    return params_read(RegisterFilters, params)


def _queryset(owner, params: dict):
    today = OfficeCalendar().local_date(timezone.now())
    return register_queryset(user=owner, filters=filters_from_params(params), today=today)


def _export_name(extension: str) -> str:
    return f"register-keberatan-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


def register_xlsx_build(*, owner, params: dict, output, progress) -> tuple[str, str]:
    with override(params.get("language") or DOCUMENT_LANGUAGE):
        objections = _queryset(owner, params)
        total = objections.count()
        writer = XlsxSheetWriter(output, _("Register keberatan"), [str(label) for label in COLUMNS])
        for done, values in enumerate(register_value_rows(objections), start=1):
            writer.append(values)
            if done % ROW_CHUNK == 0:
                progress(done, total)
        writer.close()
    return _export_name("xlsx"), XLSX_CONTENT_TYPE


def register_pdf_build(*, owner, params: dict, output, progress) -> tuple[str, str]:
    """The printed register (Indonesian, as every document), oldest first as a register book reads."""
    with override(DOCUMENT_LANGUAGE):
        objections = _queryset(owner, params).order_by("submitted_at", "pk")
        lines = [[printed_text(value, empty="-") for value in values] for values in register_value_rows(objections)]
        parts = [lines[start : start + PRINT_PART_ROWS] for start in range(0, len(lines), PRINT_PART_ROWS)] or [[]]
        header = [str(label) for label in COLUMNS]
        filters_text = filters_from_params(params).describe()
        contexts = [
            {"header": header, "rows": part, "filters_text": filters_text, "is_first": index == 0}
            for index, part in enumerate(parts)
        ]
        output.write(render_pdf_in_parts(REGISTER_TEMPLATE, contexts, progress=progress))
    return _export_name("pdf"), "application/pdf"


def register_file_kinds() -> None:
    generated_file_kind_register(
        FileKind(REGISTER_XLSX, gettext_lazy("Ekspor XLSX buku register keberatan"), PERMISSION, register_xlsx_build)
    )
    generated_file_kind_register(
        FileKind(REGISTER_PDF, gettext_lazy("Cetakan buku register keberatan"), PERMISSION, register_pdf_build)
    )
