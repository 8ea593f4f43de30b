"""What the registry's views share: no-store caching, form errors from services, refusals."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render

from ppid.rules import ActionNotPermitted, TransitionRefused

NO_STORE = "private, no-store"


class NoStoreMixin:
    """Pages showing identity data must not stay in shared or browser caches."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response


def form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def refusal_response(request, refusal: TransitionRefused, *, back_url: str):
    """A guard's refusal as a page: 403 for a role that may not act, 409 (with the reason) otherwise."""
    if isinstance(refusal, ActionNotPermitted):
        raise PermissionDenied(str(refusal.message))
    return render(request, "registry/refused.html", {"reason": refusal.message, "back_url": back_url}, status=409)


def verdict_response(request, verdict, *, back_url: str):
    """None when the guard allows the action, else the page that says why not (a GET shows the same)."""
    if verdict.allowed:
        return None
    if verdict.forbidden:
        raise PermissionDenied(str(verdict.reason))
    return render(request, "registry/refused.html", {"reason": verdict.reason, "back_url": back_url}, status=409)
