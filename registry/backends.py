"""Log in with an email address or a NIK (for requesters), or a username (for staff)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from ppid.roles import user_access_load

from .validators import NIK_PATTERN


class EmailOrNikBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        """Django's answer, read in one query with the user's roles (the user's own and their groups'
        permissions together, not one query each): every staff page checks a permission. Kept on the
        user for the request in Django's own cache attribute, which the next backend (ModelBackend)
        reads too."""
        if user_obj.is_active and not user_obj.is_anonymous and obj is None and not user_obj.is_superuser:
            if not hasattr(user_obj, "_perm_cache"):
                user_access_load(user_obj)  # with the roles (ppid.roles): usually read already by the staff check
        return super().get_all_permissions(user_obj, obj)

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        User = get_user_model()
        identifier = username.strip()
        if NIK_PATTERN.fullmatch(identifier):
            candidates = User.objects.filter(requester__nik=identifier, requester__kind="person")
        elif "@" in identifier:
            candidates = User.objects.filter(email__iexact=identifier)
        else:
            return None
        # Usually one account; several accounts may share a NIK only while they claim the same
        # desk record (docs/identity.md), so each is tried.
        users = list(candidates[:5])
        if not users:
            User().set_password(password)  # same work as a real check: no timing hint that the account is missing
            return None
        for user in users:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        return None
