import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ppid.uploads import upload_clean
from tests.registry.files import TRAILER, jpeg_bytes, pdf_bytes, pdf_with_escaped_javascript_name, png_bytes


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(content, name="berkas.bin", **kwargs):
    with pytest.raises(ValidationError) as caught:
        upload_clean(upload(name, content), **kwargs)
    return caught.value


def test_jpeg_is_reencoded_without_exif_or_appended_bytes():
    original = jpeg_bytes()
    assert b"KameraRahasia" in original and original.endswith(TRAILER)

    clean = upload_clean(upload("ktp.jpg", original, "image/jpeg"))

    assert clean.content_type == "image/jpeg" and clean.extension == ".jpg"
    assert b"KameraRahasia" not in clean.content and b"LokasiRumah" not in clean.content
    assert TRAILER not in clean.content
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == "JPEG" and image.size == (64, 40)
        assert not image.getexif()


def test_png_is_reencoded_without_text_chunks_or_appended_bytes():
    original = png_bytes()
    clean = upload_clean(upload("ktp.png", original, "image/png"))
    assert clean.content_type == "image/png" and clean.extension == ".png"
    assert b"AlamatRahasia" not in clean.content and TRAILER not in clean.content
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.format == "PNG" and image.size == (32, 32)


def test_checksum_and_size_describe_the_cleaned_bytes():
    import hashlib

    clean = upload_clean(png_bytes(appended=False))
    assert clean.sha256 == hashlib.sha256(clean.content).hexdigest()
    assert clean.size == len(clean.content)


def test_plain_pdf_is_kept_byte_for_byte():
    original = pdf_bytes()
    clean = upload_clean(upload("akta.pdf", original, "application/pdf"))
    assert clean.content == original
    assert clean.content_type == "application/pdf" and clean.extension == ".pdf"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(pdf_bytes(javascript=True), id="javascript"),
        pytest.param(pdf_bytes(attachment=True), id="embedded-file"),
        pytest.param(pdf_bytes(launch=True), id="launch-action"),
        pytest.param(pdf_with_escaped_javascript_name(), id="escaped-name"),
    ],
)
def test_pdf_with_active_content_is_refused(content):
    error = refusal(content, "akta.pdf")
    assert error.code == "upload_pdf_active"
    assert "skrip" in error.messages[0]


def test_encrypted_pdf_is_refused():
    assert refusal(pdf_bytes(encrypted=True), "akta.pdf").code == "upload_pdf_encrypted"


def test_broken_pdf_is_refused():
    assert refusal(b"%PDF-1.7\nthis is not a pdf at all", "akta.pdf").code == "upload_pdf_unreadable"


def test_png_renamed_pdf_is_treated_as_the_png_it_is():
    clean = upload_clean(upload("akta.pdf", png_bytes(), "application/pdf"))
    assert clean.content_type == "image/png" and clean.extension == ".png"


def test_html_named_jpg_with_image_content_type_is_refused():
    error = refusal(b"<html><script>alert(1)</script></html>", "ktp.jpg")
    assert error.code == "upload_type"
    assert "JPEG atau PNG" in error.messages[0]


def test_jpeg_magic_followed_by_garbage_is_refused():
    assert refusal(b"\xff\xd8\xff" + b"\x00" * 200, "ktp.jpg").code == "upload_image"


def test_file_over_the_limit_is_refused(settings):
    settings.PPID_UPLOAD_MAX_BYTES = 1000
    error = refusal(jpeg_bytes(size=(400, 400)) + b"\x00" * 2000, "ktp.jpg")
    assert error.code == "upload_too_large"
    assert "terlalu besar" in error.messages[0]


def test_bytes_over_the_limit_are_refused_even_without_a_declared_size():
    with pytest.raises(ValidationError):
        upload_clean(io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), max_bytes=20)


def test_empty_file_is_refused():
    assert refusal(b"", "kosong.pdf").code == "upload_empty"
