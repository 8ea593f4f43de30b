"""QR codes as data: URIs (allowed by the Content-Security-Policy and read by the PDF renderer without a fetch).

segno writes SVG, so a printed QR is vector: sharp on any printer at any size, and cheaper to lay out
than a PNG (no image encoding). See docs/dependencies.md.
"""

from __future__ import annotations

import segno

# A fixed mask: choosing the "best" of eight costs several times the rest of the work, and a fixed one
# is as valid and reads as well at the printed size.
QR_MASK = 2


def qr_svg_data_uri(text: str, *, scale: int = 4) -> str:
    """An SVG QR code (error correction M, quiet zone of 2 modules) as a data: URI."""
    code = segno.make_qr(text, error="m", mask=QR_MASK, boost_error=False)
    return code.svg_data_uri(scale=scale, border=2, dark="#000", light="#fff", omitsize=False)


def qr_png_data_uri(text: str, *, scale: int = 5) -> str:
    """A PNG QR code as a data: URI, for web pages that show it as an image."""
    code = segno.make_qr(text, error="m", mask=QR_MASK, boost_error=False)
    return code.png_data_uri(scale=scale, border=2)
