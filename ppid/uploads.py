"""Uploaded files accepted by what they are, not by their name or the browser's content type.

Only JPEG, PNG and PDF are accepted. Images are decoded and re-encoded with Pillow, which
drops EXIF and other metadata and anything appended after the image data. PDFs are kept
byte for byte but refused when they carry active content (JavaScript, launch actions,
embedded files, rich media, automatic actions), are encrypted or cannot be parsed.
Used for identity documents and for request material; every caller stores the result in
private storage.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"

# A scan of an A4 page at 600 dpi is about 35 megapixels; more than this is not a scan but a
# decompression bomb.
MAX_IMAGE_PIXELS = 60_000_000
# PDF names that make a viewer run something, open or send something, or carry another file.
ACTIVE_PDF_NAMES = frozenset(
    {
        "/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/AA", "/XFA",
        "/GoToE", "/ImportData", "/SubmitForm",
    }
)
# Walking a hostile PDF must end: an honest scan has far fewer objects.
MAX_PDF_OBJECTS = 200_000


@dataclass(frozen=True)
class CleanUpload:
    content: bytes
    content_type: str
    extension: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def upload_clean(upload, *, max_bytes: int | None = None) -> CleanUpload:
    """Check an uploaded file (a Django UploadedFile, a file object or bytes) and return safe bytes.

    Raises ValidationError with an Indonesian message for anything not accepted.
    """
    limit = settings.PPID_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    data = _read_limited(upload, limit)
    if not data:
        raise ValidationError(_("Berkas kosong."), code="upload_empty")
    if data.startswith(JPEG_MAGIC):
        content, content_type, extension = _image_reencode(data, "JPEG"), "image/jpeg", ".jpg"
    elif data.startswith(PNG_MAGIC):
        content, content_type, extension = _image_reencode(data, "PNG"), "image/png", ".png"
    elif data.startswith(PDF_MAGIC):
        _pdf_check(data)
        content, content_type, extension = data, "application/pdf", ".pdf"
    else:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Unggah gambar JPEG atau PNG, atau dokumen PDF."), code="upload_type"
        )
    return CleanUpload(content, content_type, extension, hashlib.sha256(content).hexdigest())


def _read_limited(upload, limit: int) -> bytes:
    if isinstance(upload, (bytes, bytearray)):
        data = bytes(upload)
    else:
        declared = getattr(upload, "size", None)
        if declared is not None and declared > limit:
            raise _too_large(limit)
        if hasattr(upload, "seek"):
            upload.seek(0)
        # Read one byte past the limit: enough to know the file is too large without reading it all.
        data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("Berkas terlalu besar. Ukuran paling besar %(limit)s.") % {"limit": filesizeformat(limit)},
        code="upload_too_large",
    )


def _image_reencode(data: bytes, expected_format: str) -> bytes:
    from PIL import Image, ImageOps

    unreadable = ValidationError(_("Gambar tidak dapat dibaca; berkas rusak atau bukan gambar."), code="upload_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != expected_format:
                    raise unreadable
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(_("Gambar terlalu besar (jumlah piksel)."), code="upload_image_pixels")
                image.load()
                # Keep the scan upright once the EXIF orientation tag is gone.
                image = ImageOps.exif_transpose(image)
                return _image_save(image, expected_format)
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning, EOFError):
        raise unreadable from None


def _image_save(image, image_format: str) -> bytes:
    output = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, format="JPEG", quality=90, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1", "I", "I;16"):
            image = image.convert("RGBA")
        # No pnginfo: text chunks, EXIF and ICC profiles are left behind.
        image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _pdf_check(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    unreadable = ValidationError(_("Dokumen PDF tidak dapat dibaca; berkas rusak."), code="upload_pdf_unreadable")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("Dokumen PDF terkunci dengan kata sandi; unggah dokumen tanpa kata sandi."), code="upload_pdf_encrypted"
            )
        if len(reader.pages) < 1:
            raise unreadable
        if _pdf_has_active_content(reader.trailer):
            raise ValidationError(
                _("Dokumen PDF berisi skrip, tindakan otomatis atau berkas sisipan, sehingga tidak diterima. "
                  "Cetak ulang dokumen sebagai PDF biasa, lalu unggah kembali."),
                code="upload_pdf_active",
            )
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError, AssertionError):
        raise unreadable from None


def _pdf_has_active_content(root) -> bool:
    """Walk every object reachable from the trailer; pypdf decodes #xx escapes in names for us."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        node = stack.pop()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise ValueError("too many PDF objects")
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):  # streams are dictionaries too
            for name, value in node.items():
                if name in ACTIVE_PDF_NAMES:
                    return True
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject) and node in ACTIVE_PDF_NAMES:
            return True  # e.g. /S /JavaScript or /S /Launch in an action dictionary
    return False
