"""Log in with an email address or a NIK (for requesters), or a username (for staff)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .validators import NIK_PATTERN


class EmailOrNikBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        """Django's answer, read in one query (the user's own and their groups' permissions together,
        not one query each): every staff page checks a permission. Kept on the user for the request
        in Django's own cache attribute, which the next backend (ModelBackend) reads too."""
        if user_obj.is_active and not user_obj.is_anonymous and obj is None and not user_obj.is_superuser:
            if not hasattr(user_obj, "_perm_cache"):
                own = user_obj.user_permissions.through.objects.filter(user_id=user_obj.pk).values("permission_id")
                grouped = Group.permissions.through.objects.filter(group__user=user_obj).values("permission_id")
                perms = (
                    Permission.objects.filter(Q(pk__in=own) | Q(pk__in=grouped))
                    .values_list("content_type__app_label", "codename")
                    .order_by()
                )
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in perms}
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
