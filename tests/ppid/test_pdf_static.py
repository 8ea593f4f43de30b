"""PDFs find their stylesheets in production: manifest-hashed names (print.5f14a6e1ef9d.css) and
static files on object storage, with DEBUG off. The fetcher still refuses every other URL."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from pdfminer.high_level import extract_text

from ppid.pdf import StaticFileFetcher, _hashed_static_read, render_pdf, static_name
from requests.services.decision import request_decide
from tests.requests.processing_helpers import NEXT_DAY, make_request, pdf_text, private_media, staff  # noqa: F401

pytestmark = pytest.mark.django_db
PROJECT_ONLY = ["django.contrib.staticfiles.finders.FileSystemFinder"]  # the project's own static/ (the print CSS)


@pytest.fixture
def manifest_static(settings, tmp_path):
    """Static files collected as in production: hashed names in STATIC_ROOT, DEBUG off."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = PROJECT_ONLY
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    _hashed_static_read.cache_clear()
    yield
    _hashed_static_read.cache_clear()


def test_a_notice_renders_under_manifest_static_files_with_debug_off(manifest_static, office, make_user, private_media):  # noqa: F811
    hashed = staticfiles_storage.url("ppid/print/print.css")
    name = hashed.rsplit("/", 1)[-1]
    assert name != "print.css" and name.startswith("print.")
    assert finders.find(hashed.split("/static/", 1)[-1]) is None  # what made every PDF fail

    notice = request_decide(
        request_id=make_request().pk, decision="granted", material="Salinan laporan", actor=staff(office, make_user)["ppid"], now=NEXT_DAY
    )
    assert notice.number in pdf_text(notice.pdf)


def test_static_files_on_object_storage_reach_the_pdf(settings, s3_server, s3_bucket):
    settings.DEBUG = False
    settings.STATICFILES_FINDERS = PROJECT_ONLY
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "storages.backends.s3.S3ManifestStaticStorage",
            "OPTIONS": {**s3_server.storage_options(s3_bucket), "location": "static", "querystring_auth": False},
        },
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    _hashed_static_read.cache_clear()
    with pytest.raises(NotImplementedError):
        staticfiles_storage.path("ppid/print/print.css")  # nothing on the local disk to read
    pdf = render_pdf("print/base.html", {"title": "Uji"})
    assert pdf.startswith(b"%PDF-")
    hashed = staticfiles_storage.stored_name("ppid/print/print.css")
    assert _hashed_static_read.cache_info().currsize == 1 and hashed.startswith("ppid/print/print.")
    _hashed_static_read.cache_clear()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/style.css",
        "file:///etc/passwd",
        "file:///static/../etc/passwd",
        "file:///static/ppid/../../manage.py",
        "file:///static/",
        "file:///static/ppid/print/tidak-ada.css",
    ],
)
def test_the_fetcher_refuses_anything_but_an_existing_static_file(url):
    with pytest.raises(ValueError):
        StaticFileFetcher.build().fetch(url)


def test_static_names_stay_inside_the_static_folder():
    assert static_name("file:///static/ppid/print/print.css") == "ppid/print/print.css"
    assert static_name("file:///static/ppid/print/print.5f14a6e1ef9d.css?v=1#x") == "ppid/print/print.5f14a6e1ef9d.css"
    assert static_name("file:///static/ppid/../ppid/print/print.css") == "ppid/print/print.css"
    assert static_name("file:///static/../secret") is None


def test_development_reads_the_source_folders(settings):
    pdf = render_pdf("print/base.html", {"title": "Uji"})
    assert "Uji" in " ".join(extract_text(io.BytesIO(pdf)).split()) or pdf.startswith(b"%PDF-")
