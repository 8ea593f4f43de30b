"""Spreadsheet exports (CSV and XLSX) that cannot carry a formula, with typed numbers and dates.

Text a person typed (a requester's name, the information wanted) may start with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return; a spreadsheet program would run it as a formula
(``=HYPERLINK(...)`` and worse). ``spreadsheet_text`` is the one escaping function for both
formats: such text gets a leading apostrophe, which spreadsheets show as text. Numbers and
dates are never strings: the CSV writes them bare (ISO dates), the XLSX as numbers and dates
(ppid.xlsx, which writes text only as inline strings, never as formulas).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text made inert for spreadsheets: a leading formula character is escaped with an apostrophe."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def spreadsheet_row(values) -> list:
    """A row with every text made inert; numbers, dates and empty cells as they are."""
    return [("'" + value) if value.__class__ is str and value[:1] in _FORMULA_CHARS else value for value in values]


_FORMULA_CHARS = frozenset(FORMULA_STARTS)


CSV_ROWS_PER_CHUNK = 1000


def printed_text(value, *, empty: str = "") -> str:
    """A register cell as a printed register shows it: dates as dd-mm-yyyy, nothing as ``empty``."""
    if value is None or value == "":
        return empty
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def csv_lines(header: Iterable[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV text in chunks of CSV_ROWS_PER_CHUNK rows (for a streamed response, constant memory):
    a BOM so spreadsheets read UTF-8, the header, then the escaped rows.

    The csv module writes None as an empty field, numbers as numbers and dates as ISO dates.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(spreadsheet_row([str(label) for label in header]))
    chunk = []
    for row in rows:
        chunk.append(spreadsheet_row(row))
        if len(chunk) == CSV_ROWS_PER_CHUNK:
            writer.writerows(chunk)
            chunk = []
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(chunk)
    yield buffer.getvalue()


class XlsxSheetWriter:
    """One worksheet written row by row in constant memory (ppid.xlsx), text escaped, numbers and dates typed."""

    def __init__(self, output, sheet_name: str, header: Iterable[str]):
        from .xlsx import XlsxStreamWriter

        self.writer = XlsxStreamWriter(output, sheet_name, [str(label) for label in header])

    def append(self, values: Iterable) -> None:
        self.writer.append(spreadsheet_row(values))

    def close(self) -> None:
        self.writer.close()
