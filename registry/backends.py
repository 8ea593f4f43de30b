"""Log in with an email address or a NIK (for requesters), or a username (for staff)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .validators import NIK_PATTERN


class EmailOrNikBackend(ModelBackend):
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
        user = candidates.first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint that the account is missing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
