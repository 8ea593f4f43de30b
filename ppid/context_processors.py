from django.utils.functional import SimpleLazyObject

from .office import office_identity
from .roles import is_staff_member, user_roles


def _service_hours():
    """The week's service hours from the calendar's snapshot (ppid.calendar_cache), which holds them and
    is never stale: no query of its own on a page that already used the calendar, one stamp check otherwise."""
    from .calendar_cache import calendar_data

    return [hours for _weekday, hours in sorted(calendar_data().hours.items())]


def office(request):
    """``office`` (ppid.office.OfficeIdentity) and the footer's service hours on every page, read once when used."""
    user = getattr(request, "user", None)
    identity = SimpleLazyObject(office_identity)
    return {
        "office": identity,
        "office_name": SimpleLazyObject(lambda: identity.ppid_name),
        "office_hours": SimpleLazyObject(_service_hours),
        "user_roles": user_roles(user) if user else frozenset(),
        "is_staff_member": bool(user and user.is_authenticated and is_staff_member(user)),
    }
