"""The bare baselines: the simplest real Django views and WeasyPrint documents doing the same job.

A target is compared with these in the same run (tests/bench/conftest.compare), so the ratio
says what the portal adds on top of the stack itself.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines

from requests.models import InformationRequest

TEMPLATES = Path(__file__).parent / "templates"
# The register's columns read straight from the tables (no formatting, no subqueries).
TABLE_COLUMNS = (
    "register_number", "received_at", "requester__full_name", "requester__address", "requester__phone",
    "requester__occupation", "information_wanted", "purpose", "is_held", "obtain_method", "delivery_method",
    "decision", "copy_fee", "channel", "unit__name", "status", "notice_due", "receipt_date", "tracking_code",
)


def template(name):
    return engines["django"].from_string((TEMPLATES / name).read_text())


BARE_TABLE = template("bare_table.html")


@login_required
def bare_table(request):
    """A 50-row, 19-column table of the newest requests in a minimal template."""
    rows = InformationRequest.objects.order_by("-received_at", "-id").values_list(*TABLE_COLUMNS)[:50]
    return HttpResponse(BARE_TABLE.render({"labels": TABLE_COLUMNS, "rows": rows}))


def bare_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


BARE_RECEIPT = template("bare_receipt.html")


RECEIPT_NOTE = (
    "PPID wajib memberikan pemberitahuan tertulis paling lambat 10 (sepuluh) hari kerja sejak permohonan diterima, "
    "dan dapat memperpanjang paling lambat 7 (tujuh) hari kerja dengan alasan tertulis (UU Nomor 14 Tahun 2008 "
    "pasal 22). Informasi diberikan tanpa biaya; penggandaan atau perekaman dapat dikenai biaya sesuai ketentuan."
)


@login_required
def bare_receipt(request):
    """The receipt's words as a plain one-page WeasyPrint document: one font, default styles, no QR code."""
    fields = [
        ("Nomor register", "0001/PPID/XI/2026"), ("Diterima pada", "Senin, 2 November 2026 10:00 waktu kantor"),
        ("Saluran", "Daring (portal)"), ("Waktu mulai dihitung", "Senin, 2 November 2026"),
        ("Batas pemberitahuan tertulis", "Senin, 16 November 2026"), ("Nama pemohon", "Pemohon Bench 1"),
        ("Informasi yang diminta", "Dokumen anggaran kegiatan nomor 1 tahun 2026"), ("Kode pelacakan", "B00000000001"),
    ]
    html = BARE_RECEIPT.render({"office": "PPID Kabupaten Contoh", "fields": fields, "note": RECEIPT_NOTE, "name": "Pemohon Bench 1"})
    pdf = bare_pdf(html)
    return HttpResponse(pdf, content_type="application/pdf")


BARE_RECEIPT_WORDS = template("bare_receipt_words.html")


@login_required
def bare_receipt_words(request):
    """Every word of the receipt and its QR code (segno's own PNG writer) as a plain one-page
    WeasyPrint document: one font, default styles, no tagging. What the portal's receipt adds over
    it is its own work (the view, the stylesheets, the letter frame's layout, PDF/UA tagging)."""
    import segno

    url = "http://testserver/permohonan/status/?nomor=00001%2FPPID%2F10%2F2026%2F99999&kode=B00000099999"
    fields = [
        ("Nomor register", "00001/PPID/10/2026/99999"), ("Kode pelacakan", "B00000099999"),
        ("Permohonan diterima", "Sabtu, 24 Oktober 2026 pukul 21.03 WIB"), ("Saluran", "Email"),
        ("Jangka waktu mulai dihitung", "Senin, 26 Oktober 2026"), ("Batas pemberitahuan tertulis", "Senin, 9 November 2026"),
        ("Nama pemohon", "Pemohon Bench 999"),
    ]
    html = BARE_RECEIPT_WORDS.render({
        "body_name": "Pemerintah Kabupaten Contoh", "office": "PPID Kabupaten Contoh", "number": fields[0][1],
        "fields": fields, "qr": segno.make(url).png_data_uri(scale=4), "url": url.split("?", 1)[0],
        "wanted": "Dokumen tender kegiatan nomor 99999 tahun 2026", "note": RECEIPT_NOTE,
        "place": "................, 24 Oktober 2026", "name": "Pemohon Bench 999",
    })
    return HttpResponse(bare_pdf(html), content_type="application/pdf")


def bare_register_pdf(rows) -> bytes:
    """The same rows in a plain table, one font, no header, no page numbers."""
    return bare_pdf(template("bare_register.html").render({"rows": rows}))


def raw_csv(sql: str, params) -> int:
    """The SQL straight to CSV: the floor under any CSV export. Returns the bytes written."""
    out = io.StringIO()
    writer = csv.writer(out)
    size = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(2000):
            writer.writerows(chunk)
            size += out.tell()
            out.seek(0)
            out.truncate()
    return size


def raw_xlsx(sql: str, params) -> None:
    """The SQL straight into the streaming XLSX writer, untyped and unescaped: the floor under the XLSX export."""
    import tempfile

    from ppid.xlsx import XlsxStreamWriter

    with tempfile.TemporaryFile() as output:
        writer = XlsxStreamWriter(output, "Sheet1", [])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(2000):
                for row in chunk:
                    writer.append(row)
        writer.close()
