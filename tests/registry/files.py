"""Test files built in memory: real images with metadata and trailing bytes, and PDFs."""

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

TRAILER = b"<script>alert('appended')</script>"


def jpeg_bytes(*, exif=True, appended=True, size=(64, 40)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    output = io.BytesIO()
    kwargs = {}
    if exif:
        metadata = Image.Exif()
        metadata[0x010F] = "KameraRahasia"  # Make
        metadata[0x0131] = "LokasiRumah"  # Software
        kwargs["exif"] = metadata.tobytes()
    image.save(output, format="JPEG", **kwargs)
    return output.getvalue() + (TRAILER if appended else b"")


def png_bytes(*, text=True, appended=True, size=(32, 32)) -> bytes:
    from PIL import PngImagePlugin

    image = Image.new("RGBA", size, (0, 120, 200, 255))
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", "AlamatRahasia")
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info)
    return output.getvalue() + (TRAILER if appended else b"")


def pdf_bytes(*, javascript=False, attachment=False, launch=False, encrypted=False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        # A document-level script in the /Names tree, as authoring tools write it.
        script = writer._add_object(
            DictionaryObject(
                {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hai');")}
            )
        )
        tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("hai"), script])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    if attachment:
        writer.add_attachment("lampiran.txt", b"isi")
    if launch:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if encrypted:
        writer.encrypt("rahasia")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def pdf_with_escaped_javascript_name() -> bytes:
    """A hand-written PDF whose action hides its name as /J#61vaScript (a #xx escape)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
        b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
