"""HTML templates rendered to PDF with WeasyPrint.

Static files are read from disk through the staticfiles finders (never over HTTP from the
site itself). Short documents (receipts, notices) render in the request; long ones (registers,
reports) belong in a Celery task.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

# Letters and every document the office issues are in Indonesian, whatever the officer's interface language.
DOCUMENT_LANGUAGE = "id"
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")


class StaticFileFetcher:
    """Serves /static/... from disk and refuses every other URL: no network while rendering."""

    @staticmethod
    def build():
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class _Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                path = None
                if url.startswith("file://"):
                    requested = url[len("file://") :].split("?")[0]
                    if requested.startswith(STATIC_PREFIX):
                        path = finders.find(requested[len(STATIC_PREFIX) :])
                if not path or not Path(path).is_file():
                    raise ValueError(f"refusing to fetch {url!r} while rendering a PDF")
                mime_type, _ = mimetypes.guess_type(path)
                return URLFetcherResponse(
                    f"file://{path}", Path(path).read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
                )

        return _Fetcher(fail_on_errors=True)


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """Render a template (extending print/base.html) to PDF bytes."""
    from weasyprint import HTML

    context = {"office_name": settings.PPID_OFFICE_NAME, "LANGUAGE_CODE": DOCUMENT_LANGUAGE, **(context or {})}
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url="file:///", url_fetcher=StaticFileFetcher.build())
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
