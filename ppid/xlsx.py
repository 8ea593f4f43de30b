"""A streaming XLSX writer: one worksheet, written row by row straight into the zip, in constant memory.

The register's XLSX holds 100,000 rows of 19 cells; general-purpose writers spend tens of
microseconds per cell (styles, shared strings, formula detection). This writer knows four cell
kinds only (inline text, number, boolean, date) and writes each row as one string, so the cost is
the XML and the compression. Text is always an inline string: nothing written here can become a
formula. Characters XML 1.0 forbids (control characters) are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from xml.sax.saxutils import escape

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENTITIES = {"\r": "&#13;"}  # XML would read a bare carriage return as a line feed
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROWS_PER_WRITE = 500

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0: default; 1: a date (dd-mm-yyyy); 2: bold (the header).
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _text(value: str, style: str = "") -> str:
    if _INVALID_XML.search(value):
        value = _INVALID_XML.sub("", value)
    return f'<c t="inlineStr"{style}><is><t xml:space="preserve">{escape(value, _ENTITIES)}</t></is></c>'


def _cell(value) -> str:
    kind = value.__class__
    if value is None or value == "":
        return "<c/>"
    if kind is str:
        return _text(value)
    if kind is bool:
        return f'<c t="b"><v>{int(value)}</v></c>'
    if kind is int or kind is float:
        return f"<c><v>{value!r}</v></c>"
    if kind is dt.datetime:
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    return _text(str(value))


class XlsxStreamWriter:
    """writer = XlsxStreamWriter(binary_file, "Sheet", header); writer.append(values)...; writer.close()."""

    def __init__(self, output, sheet_name: str, header):
        self.zip = zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self.zip.writestr("[Content_Types].xml", CONTENT_TYPES)
        self.zip.writestr("_rels/.rels", ROOT_RELS)
        self.zip.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        self.zip.writestr("xl/styles.xml", STYLES)
        name = escape(_INVALID_XML.sub("", sheet_name)[:31], {'"': "&quot;"})
        self.zip.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._buffer = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}"><sheetData>']
        self._buffer.append("<row>" + "".join(_text(str(label), ' s="2"') for label in header) + "</row>")

    def append(self, values) -> None:
        self._buffer.append("<row>" + "".join([_cell(value) for value in values]) + "</row>")
        if len(self._buffer) >= ROWS_PER_WRITE:
            self._flush()

    def _flush(self) -> None:
        self.sheet.write("".join(self._buffer).encode("utf-8"))
        self._buffer = []

    def close(self) -> None:
        self._buffer.append("</sheetData></worksheet>")
        self._flush()
        self.sheet.close()
        self.zip.close()
