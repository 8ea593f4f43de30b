"""Spreadsheet exports (CSV and XLSX) that cannot carry a formula, with typed numbers and dates.

Text a person typed (a requester's name, the information wanted) may start with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return; a spreadsheet program would run it as a formula
(``=HYPERLINK(...)`` and worse). ``spreadsheet_text`` is the one escaping function for both
formats: such text gets a leading apostrophe, which spreadsheets show as text. Numbers and
dates are never strings: the CSV writes them bare (ISO dates), the XLSX as numbers and dates.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATE_FORMAT = "dd-mm-yyyy"


def spreadsheet_text(text: str) -> str:
    """Text made inert for spreadsheets: a leading formula character is escaped with an apostrophe."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value  # numbers stay numbers


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV text line by line (for a streamed response): a BOM so spreadsheets read UTF-8, then escaped rows."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([spreadsheet_text(str(label)) for label in header])
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


class XlsxSheetWriter:
    """One worksheet written row by row in constant memory (XlsxWriter's constant_memory mode)."""

    def __init__(self, output, sheet_name: str, header: Iterable[str]):
        import xlsxwriter

        self.workbook = xlsxwriter.Workbook(
            output,
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        self.sheet = self.workbook.add_worksheet(sheet_name[:31])
        self.date_format = self.workbook.add_format({"num_format": XLSX_DATE_FORMAT})
        bold = self.workbook.add_format({"bold": True})
        for column, label in enumerate(header):
            self.sheet.write_string(0, column, str(label), bold)
        self.row = 1

    def append(self, values: Iterable) -> None:
        sheet, row = self.sheet, self.row
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(row, column, spreadsheet_text(value))
            elif isinstance(value, bool):
                sheet.write_boolean(row, column, value)
            elif isinstance(value, int | float):
                sheet.write_number(row, column, value)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row, column, value.replace(tzinfo=None), self.date_format)
            elif isinstance(value, dt.date):
                sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time.min), self.date_format)
            else:
                sheet.write_string(row, column, spreadsheet_text(str(value)))
        self.row = row + 1

    def close(self) -> None:
        self.workbook.close()
