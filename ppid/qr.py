"""QR codes as data: URIs (allowed by the Content-Security-Policy and read by the PDF renderer without a fetch).

A printed QR is a PNG of one pixel per module, scaled up on the page without smoothing
(``image-rendering: pixelated`` in the print stylesheet): the same sharp squares on any printer, and
WeasyPrint reads it in well under a millisecond, where it parsed and drew the SVG path of the code
(about a tenth of a receipt). See docs/dependencies.md.
"""

from __future__ import annotations

import segno

# A fixed mask: choosing the "best" of eight costs several times the rest of the work, and a fixed one
# is as valid and reads as well at the printed size.
QR_MASK = 2


def qr_print_data_uri(text: str) -> str:
    """A QR code for a printed document (error correction M, quiet zone of 2 modules) as a data: URI."""
    code = segno.make_qr(text, error="m", mask=QR_MASK, boost_error=False)
    return code.png_data_uri(scale=1, border=2)


def qr_png_data_uri(text: str, *, scale: int = 5) -> str:
    """A PNG QR code as a data: URI, for web pages that show it as an image."""
    code = segno.make_qr(text, error="m", mask=QR_MASK, boost_error=False)
    return code.png_data_uri(scale=scale, border=2)
