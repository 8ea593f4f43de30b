from django.conf import settings

from .roles import is_staff_member, user_roles


def office(request):
    user = getattr(request, "user", None)
    return {
        "office_name": settings.PPID_OFFICE_NAME,
        "user_roles": user_roles(user) if user else frozenset(),
        "is_staff_member": bool(user and user.is_authenticated and is_staff_member(user)),
    }
