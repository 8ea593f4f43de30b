"""The printed documents of intake: the receipt (tanda bukti penerimaan) and the request form."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from ppid.letters import Letter, document_render, signing_place
from ppid.office import office_identity
from ppid.pdf import DOCUMENT_LANGUAGE, pdf_response
from ppid.qr import qr_print_data_uri
from ppid.workdays import OfficeCalendar

from ..models import InformationRequest


def public_status_url(http_request, request: InformationRequest) -> str:
    query = urlencode({"nomor": request.register_number or "", "kode": request.tracking_code})
    return http_request.build_absolute_uri(f"{reverse('requests:status')}?{query}")


def document_context(http_request, request: InformationRequest) -> dict:
    return _context(request, public_status_url(http_request, request))


def _context(request: InformationRequest, status_url: str) -> dict:
    officer = request.received_by
    return {
        "req": request,
        "requester": request.requester,
        # Printed without its query (an address a person can type); the QR code carries the whole link.
        "status_page_url": status_url.split("?", 1)[0],
        "qr_code": qr_print_data_uri(status_url),
        "printed_at": timezone.now(),
        # The desk officer who received the request signs as themselves; online requests leave a blank line.
        "officer_name": (officer.get_full_name() or officer.username) if officer else "",
        "officer_position": officer.position if officer else "",
    }


def intake_letter(request: InformationRequest, *, title) -> Letter:
    """The frame of an intake document: dated and placed on the day the request was received."""
    received_on = OfficeCalendar().local_date(request.received_at)
    with translation.override(DOCUMENT_LANGUAGE):
        title = str(title)
    return Letter(title=title, number=request.register_number or "", place=signing_place(office_identity(on=received_on)), signed_on=received_on)


def _filename(prefix: str, request: InformationRequest) -> str:
    label = (request.register_number or request.tracking_code).replace("/", "-")
    return f"{prefix}-{label}.pdf"


def receipt_response(http_request, request: InformationRequest):
    letter = intake_letter(request, title=gettext_lazy("Tanda bukti penerimaan permohonan informasi publik"))
    pdf = document_render(letter=letter, template_name="requests/print/receipt.html", context=document_context(http_request, request))
    return pdf_response(pdf, _filename("tanda-bukti", request), inline="unduh" not in http_request.GET)


def request_form_response(http_request, request: InformationRequest):
    letter = intake_letter(request, title=gettext_lazy("Formulir permohonan informasi publik"))
    pdf = document_render(letter=letter, template_name="requests/print/request_form.html", context=document_context(http_request, request))
    return pdf_response(pdf, _filename("formulir-permohonan", request), inline="unduh" not in http_request.GET)


def receipt_pdf(request: InformationRequest) -> bytes:
    """The receipt outside a web request (attached to the requester's email): links start with PPID_SITE_URL."""
    from django.conf import settings

    query = urlencode({"nomor": request.register_number or "", "kode": request.tracking_code})
    status_url = f"{settings.PPID_SITE_URL.rstrip('/')}{reverse('requests:status')}?{query}"
    letter = intake_letter(request, title=gettext_lazy("Tanda bukti penerimaan permohonan informasi publik"))
    return document_render(letter=letter, template_name="requests/print/receipt.html", context=_context(request, status_url))
