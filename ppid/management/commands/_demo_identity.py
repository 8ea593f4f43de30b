"""Demo office identity (with a drawn logo) and sample documents for the demo's DIP items.

Only empty fields are filled, and only items without a document get one, so an
administrator's own settings survive a second run of load_demo.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from ppid import dip
from ppid.dip import OPEN_CATEGORIES
from ppid.models import InformationItem, OfficeSettings
from ppid.office import office_settings_save
from ppid.pdf import render_pdf

OFFICE = {
    "body_name": "Pemerintah Kabupaten Contoh",
    "ppid_name": "PPID Kabupaten Contoh",
    "address": "Jl. Jenderal Sudirman No. 1, Kecamatan Kota\nKabupaten Contoh 12345",
    "city": "Contoh",
    "phone": "(0123) 456789",
    "email": "ppid@contohkab.go.id",
    "website": "https://ppid.contohkab.go.id",
    "theme": "biru",
    "ppid_official_name": "Drs. Ahmad Fauzi, M.Si.",
    "ppid_official_position": "Kepala Dinas Komunikasi dan Informatika",
    "ppid_official_nip": "197503122000031002",
    "ppid_standin_name": "Rina Kartika, S.Sos.",
    "ppid_standin_nip": "198204172006042003",
    "ppid_standin_kind": "Plh.",
    "atasan_official_name": "Ir. Bambang Sutrisno, M.T.",
    "atasan_official_position": "Sekretaris Daerah",
    "atasan_official_nip": "196805151994031005",
}


def demo_logo_png() -> bytes:
    """A plain shield in the theme's blue with a gold rim and the letters "KC"."""
    from PIL import Image, ImageDraw, ImageFont

    size = 256
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    shield = [(24, 16), (232, 16), (232, 130), (128, 244), (24, 130)]
    draw.polygon(shield, fill=(242, 194, 48))
    inner = [(40, 32), (216, 32), (216, 124), (128, 222), (40, 124)]
    draw.polygon(inner, fill=(10, 61, 107))
    font = ImageFont.load_default(size=88)
    draw.text((128, 112), "KC", fill=(255, 255, 255), font=font, anchor="mm")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def office_identity_fill() -> None:
    row = OfficeSettings.current()
    for name, value in OFFICE.items():
        if not getattr(row, name):
            setattr(row, name, value)
    upload = None if row.logo else SimpleUploadedFile("logo.png", demo_logo_png(), content_type="image/png")
    office_settings_save(row=row, logo_upload=upload)


def dip_sample_documents() -> None:
    """A small PDF for each open demo item without a document, checked like any upload."""
    items = InformationItem.objects.filter(category__in=OPEN_CATEGORIES, document="").select_related("unit")
    for item in items:
        pdf = render_pdf("print/demo_dip_document.html", {"item": item})
        dip.information_item_save(item=item, upload=pdf)
