"""Error pages in the visitor's language, with the office's header and a way back.

Django renders its 400 and 500 pages without the request (so without the office or the
language switch); these views render ``errors/<status>.html`` with what the header needs.
The 500 page reads nothing from the database when the database may be what failed.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

from .office import office_identity, office_identity_defaults

logger = logging.getLogger(__name__)


def _back_url(request) -> str:
    """The page the visitor came from, when it is on this site; else nothing (the page offers home)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: the 400 page itself must still render
        return ""
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={host}, require_https=request.is_secure()):
        return referer
    return ""


def _office(*, from_database: bool):
    if not from_database:
        return office_identity_defaults()
    try:
        return office_identity()
    except Exception:  # the error may come from the database: the page must still render
        logger.warning("office identity unavailable on an error page", exc_info=True)
        return office_identity_defaults()


def error_page(request, status: int, *, from_database: bool = True, **context) -> HttpResponse:
    office = _office(from_database=from_database)
    body = render_to_string(
        f"errors/{status}.html",
        {"office": office, "office_name": office.ppid_name, "back_url": _back_url(request), "status": status, **context},
    )
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return error_page(request, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return error_page(request, 403, logged_in=getattr(request, "user", None) and request.user.is_authenticated)


@requires_csrf_token
def page_not_found(request, exception=None):
    return error_page(request, 404)


@requires_csrf_token
def server_error(request):
    return error_page(request, 500, from_database=False)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid security token (an old page, or cookies off)."""
    return error_page(request, 403, csrf=True, logged_in=getattr(request, "user", None) and request.user.is_authenticated)
