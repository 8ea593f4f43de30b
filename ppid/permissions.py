"""View helpers for roles. Anonymous visitors go to the login page; a logged-in user without the
permission gets 403; another requester's records answer 404 (their existence is not revealed)."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied

from .roles import REQUESTER, user_roles


class StaffPermissionRequiredMixin(PermissionRequiredMixin):
    """permission_required as in Django; anonymous -> login, authenticated without it -> 403."""


class RequesterRequiredMixin(LoginRequiredMixin):
    """Views of a requester's own records: the user must have a requester profile."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            REQUESTER not in user_roles(request.user) or not hasattr(request.user, "requester")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
