"""HTML templates rendered to PDF with WeasyPrint.

Static files are read through Django's static files machinery (never over HTTP from the site
itself): the finders first (the source folders, as in development), then the collected static
storage, which is where ``{% static %}`` points under ManifestStaticFilesStorage
(``print.5f14a6e1ef9d.css``) or an object-storage backend. Short documents (receipts, notices)
render in the request; long ones (registers, reports) belong in a Celery task.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import posixpath
import re
import threading
from pathlib import Path
from urllib.parse import quote, unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

from .stack_room import with_stack_room

# Letters and every document the office issues are in Indonesian, whatever the officer's interface language.
DOCUMENT_LANGUAGE = "id"
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")
# Parsed print stylesheets kept per thread (a handful exist; a changed file is a new entry).
STYLESHEET_CACHE_SIZE = 32


def collected_static_prefix() -> str | None:
    """The URL before a hashed name when ``{% static %}`` points off this host (static files on
    object storage or a CDN), else None. Only manifest names are served from there."""
    storage = staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return None
    for key, hashed in storage.hashed_files.items():
        if quote(hashed) == hashed:
            url = storage.url(key).split("?")[0]
            if url.startswith(("http://", "https://")) and url.endswith(hashed):
                return url[: -len(hashed)]
            return None
    return None


def static_name(url: str, *, remote_prefix: str | None = None) -> str | None:
    """The static file name a URL of ``{% static %}`` points to, or None (any other URL, or one leaving the folder)."""
    if remote_prefix and url.startswith(remote_prefix):
        name = unquote(url[len(remote_prefix) :].split("?")[0].split("#")[0])
        return name if name in staticfiles_storage.hashed_files.values() else None
    if not url.startswith("file://"):
        return None
    requested = unquote(url[len("file://") :].split("?")[0].split("#")[0])
    if not requested.startswith(STATIC_PREFIX):
        return None
    name = posixpath.normpath(requested[len(STATIC_PREFIX) :])
    if name in ("", ".") or name.startswith(("/", "../")) or name == "..":
        return None
    return name


@functools.lru_cache(maxsize=64)
def _hashed_static_read(name: str) -> bytes:
    # A manifest name carries its content's hash, so its bytes never change: keeping them per
    # process can never go stale, and spares an object-storage round trip per document.
    with staticfiles_storage.open(name, "rb") as handle:
        return handle.read()


def static_file_read(name: str) -> bytes | None:
    """The bytes of a static file by the name ``{% static %}`` gave, or None when there is none."""
    path = finders.find(name)
    if path and Path(path).is_file():
        return Path(path).read_bytes()
    try:
        if isinstance(staticfiles_storage, ManifestFilesMixin) and name in staticfiles_storage.hashed_files.values():
            return _hashed_static_read(name)
        if not staticfiles_storage.exists(name):
            return None
        with staticfiles_storage.open(name, "rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


class StaticFileFetcher:
    """Serves static files through the storage API (never an HTTP fetch of their URL); refuses every other URL."""

    @staticmethod
    def build():
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        remote_prefix = collected_static_prefix()

        class _Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                name = static_name(url, remote_prefix=remote_prefix)
                content = static_file_read(name) if name else None
                if content is None:
                    raise ValueError(f"refusing to fetch {url!r} while rendering a PDF")
                mime_type, _ = mimetypes.guess_type(name)
                return URLFetcherResponse(
                    f"file://{STATIC_PREFIX}{name}", content, {"Content-Type": mime_type or "application/octet-stream"}
                )

        return _Fetcher(fail_on_errors=True)


_per_thread = threading.local()


def font_configuration():
    """The thread's WeasyPrint FontConfiguration, made once and kept.

    A new one per document loads the system's fontconfig configuration and every font file it
    uses again (more than a third of a receipt's time). No document of the portal declares
    ``@font-face``, so the configuration is the system's fonts alone and never changes; one per
    thread because a Pango font map is not meant to be shared between threads.
    """
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _per_thread.font_config = FontConfiguration()
    return config


def document_html(template_name: str, context: dict | None = None, *, request=None, office=None) -> str:
    """The HTML of a printed document (a template extending print/base.html), in the documents' language."""
    from .office import office_identity

    office = office or office_identity()
    context = {"office": office, "office_name": office.ppid_name, "LANGUAGE_CODE": DOCUMENT_LANGUAGE, **(context or {})}
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(template_name, context, request=request)


def render_document(template_name: str, context: dict | None = None, *, request=None, extra_css: str = "", office=None):
    """Lay out a template (extending print/base.html) as a WeasyPrint document (pages not yet written)."""
    return html_layout(document_html(template_name, context, request=request, office=office), extra_css=extra_css)


def html_layout(html: str, *, extra_css: str = ""):
    """Lay out a printed document's HTML (its linked stylesheets read from the static files) as a WeasyPrint document."""
    from weasyprint import CSS, HTML

    fetcher = StaticFileFetcher.build()
    fonts = font_configuration()
    html, stylesheets = linked_stylesheets_take(html, fetcher)
    if extra_css:
        stylesheets.append(CSS(string=extra_css, url_fetcher=fetcher, font_config=fonts))
    return with_stack_room(HTML(string=html, base_url="file:///", url_fetcher=fetcher).render, stylesheets=stylesheets, font_config=fonts)


LINKED_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def linked_stylesheets_take(html: str, fetcher) -> tuple[str, list]:
    """The document without its ``<link rel="stylesheet">`` tags, and those stylesheets parsed.

    Parsing the print stylesheets cost about 6 ms a document, as much as laying out half a
    receipt; parsed once per thread and content they are handed to WeasyPrint already built. They
    then count as the user's stylesheets rather than the document's: every print style comes this
    way, so their cascade among themselves is unchanged, and a ``<style>`` block in a template
    still overrides them, as it was written to.
    """
    sheets, remote_prefix = [], None
    for href in LINKED_STYLESHEET.findall(html):
        if href.startswith(("http://", "https://")):
            remote_prefix = remote_prefix or collected_static_prefix()
            name = static_name(href, remote_prefix=remote_prefix)
        else:
            name = static_name("file://" + href)
        content = static_file_read(name) if name else None
        if content is None:
            raise ValueError(f"refusing to fetch {href!r} while rendering a PDF")
        sheets.append(_parsed_stylesheet(name, content, fetcher))
    return LINKED_STYLESHEET.sub("", html), sheets


def _parsed_stylesheet(name: str, content: bytes, fetcher):
    from weasyprint import CSS

    cache = getattr(_per_thread, "stylesheets", None)
    if cache is None:
        cache = _per_thread.stylesheets = {}
    key = (name, hashlib.sha256(content).digest())
    sheet = cache.get(key)
    if sheet is None:
        if len(cache) > STYLESHEET_CACHE_SIZE:
            cache.clear()
        sheet = cache[key] = CSS(
            string=content.decode(), base_url=f"file://{STATIC_PREFIX}{name}", url_fetcher=fetcher, font_config=font_configuration()
        )
    return sheet


def write_pdf(documents) -> bytes:
    """The pages of one or more laid-out documents as one PDF/UA-1 file."""
    first = documents[0]
    if len(documents) > 1:
        first = first.copy([page for document in documents for page in document.pages])
    return with_stack_room(first.write_pdf, pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def render_pdf(template_name: str, context: dict | None = None, *, request=None, laid_out=None) -> bytes:
    """Render a template (extending print/base.html) to PDF bytes; ``laid_out()`` is called between
    the layout and the writing (a background job's progress)."""
    document = render_document(template_name, context, request=request)
    if laid_out is not None:
        laid_out()
    return write_pdf([document])


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
