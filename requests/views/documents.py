"""The printed documents of intake: the receipt (tanda bukti penerimaan) and the request form."""

from __future__ import annotations

import base64
import io
from urllib.parse import urlencode

import qrcode
from django.urls import reverse
from django.utils import timezone

from ppid.pdf import pdf_response, render_pdf

from ..models import InformationRequest


def public_status_url(http_request, request: InformationRequest) -> str:
    query = urlencode({"nomor": request.register_number or "", "kode": request.tracking_code})
    return http_request.build_absolute_uri(f"{reverse('requests:status')}?{query}")


# A fixed mask pattern: choosing the "best" of eight costs four times the rest of the code
# (the fixed one is as valid and reads as well at the printed size).
QR_MASK_PATTERN = 2


def qr_data_uri(text: str) -> str:
    """A PNG QR code as a data: URI (allowed by the CSP and by the PDF renderer's fetcher)."""
    code = qrcode.QRCode(box_size=6, border=2, mask_pattern=QR_MASK_PATTERN)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def document_context(http_request, request: InformationRequest) -> dict:
    status_url = public_status_url(http_request, request)
    return {
        "req": request,
        "requester": request.requester,
        "status_url": status_url,
        "qr_code": qr_data_uri(status_url),
        "printed_at": timezone.now(),
    }


def _filename(prefix: str, request: InformationRequest) -> str:
    label = (request.register_number or request.tracking_code).replace("/", "-")
    return f"{prefix}-{label}.pdf"


def receipt_response(http_request, request: InformationRequest):
    pdf = render_pdf("requests/print/receipt.html", document_context(http_request, request), request=http_request)
    return pdf_response(pdf, _filename("tanda-bukti", request), inline="unduh" not in http_request.GET)


def request_form_response(http_request, request: InformationRequest):
    pdf = render_pdf("requests/print/request_form.html", document_context(http_request, request), request=http_request)
    return pdf_response(pdf, _filename("formulir-permohonan", request), inline="unduh" not in http_request.GET)


def receipt_pdf(request: InformationRequest) -> bytes:
    """The receipt outside a web request (attached to the requester's email): links start with PPID_SITE_URL."""
    from django.conf import settings

    query = urlencode({"nomor": request.register_number or "", "kode": request.tracking_code})
    status_url = f"{settings.PPID_SITE_URL.rstrip('/')}{reverse('requests:status')}?{query}"
    context = {"req": request, "requester": request.requester, "status_url": status_url, "qr_code": qr_data_uri(status_url), "printed_at": timezone.now()}
    return render_pdf("requests/print/receipt.html", context)
