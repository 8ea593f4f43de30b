"""The PPID's decision fixing the list of exempt information (SK penetapan daftar informasi yang dikecualikan).

Built from the DIP items of the category "dikecualikan", each with its legal basis, the result of its
consequential-harm test and the period of its exemption (UU KIP pasal 17, 19 and 20; Perki 1/2021).
Numbered in its own series, stored privately on its IssuedDocument and verifiable by its QR code.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .law import InformationCategory
from .letters import atasan_label, document_issue, letter_for_ppid
from .models import InformationItem, IssuedDocument
from .office import office_identity
from .pdf import DOCUMENT_LANGUAGE
from .sequences import next_register_number
from .workdays import OfficeCalendar

TEMPLATE = "print/ppid/exempt_list.html"


def exempt_items():
    return InformationItem.objects.filter(category=InformationCategory.EXEMPT).select_related("unit").order_by("unit__name", "title")


@transaction.atomic
def exempt_list_issue(*, actor, now: dt.datetime) -> IssuedDocument:
    """Number, render and keep the SK penetapan of the exempt items as they stand now."""
    issued_on = OfficeCalendar().local_date(now)
    office = office_identity(on=issued_on)
    with translation.override(DOCUMENT_LANGUAGE):
        title = _("Keputusan PPID tentang penetapan daftar informasi yang dikecualikan")
        letter = letter_for_ppid(
            office=office, title=title, number=next_register_number(kind="exempt_list", on=issued_on), signed_on=issued_on,
            tembusan=[atasan_label(office), _("Komisi Informasi Provinsi"), _("Arsip")],
        )
    pdf, document = document_issue(
        kind="exempt_list", letter=letter, template_name=TEMPLATE, context={"items": list(exempt_items()), "issued_on": issued_on},
        office=office,
    )
    document.pdf.save(f"{letter.number.replace('/', '-')}.pdf", ContentFile(pdf), save=True)
    return document
