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
QR_BOX_SIZE = 6


def qr_data_uri(text: str) -> str:
    """A PNG QR code as a data: URI (allowed by the CSP and by the PDF renderer's fetcher).

    The modules are written as one bitmap scaled up, the same pixels as qrcode's image (a
    rectangle drawn per module, about 800 of them, cost more than encoding the code).
    """
    from PIL import Image

    code = qrcode.QRCode(box_size=QR_BOX_SIZE, border=2, mask_pattern=QR_MASK_PATTERN)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # with the border
    size = len(matrix)
    image = Image.new("1", (size, size))
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    image = image.resize((size * QR_BOX_SIZE, size * QR_BOX_SIZE), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
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
