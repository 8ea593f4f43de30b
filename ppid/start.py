"""Where each role starts after logging in (LOGIN_REDIRECT_URL is the "start" view).

URL names only, so the core imports no app: a requester starts on their own requests (with
the next step), a desk officer at the intake desk, processing staff at the work queue, a
verifier at the verification queue, an administrator in the admin. The first role of the list
that the user has wins.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from . import roles

START_PAGES = (
    (roles.REQUESTER, "requests:mine"),
    (roles.PPID, "requests:processing-queue"),
    (roles.CLASSIFICATION_REVIEWER, "requests:processing-queue"),
    (roles.PPID_PEMBANTU, "requests:processing-queue"),
    (roles.DESK_OFFICER, "requests:desk-create"),
    (roles.VERIFIER, "registry:verification-queue"),
    (roles.ATASAN_PPID, "objections:atasan-queue"),
    (roles.DISPUTE_DESK, "disputes:queue"),
    (roles.ADMIN, "admin:index"),
)


def start_url(user) -> str:
    """The start page of a logged-in user; the home page for a user without a role."""
    held = roles.user_roles(user)
    for role, name in START_PAGES:
        if role in held:
            try:
                return reverse(name)
            except NoReverseMatch:  # an app that is not installed
                continue
    if user.is_superuser:
        return reverse("admin:index")
    return reverse("home")
