from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def requesters_in_unit_scope(user):
    """For registry's visibility rule (registry cannot import requests; see docs/architecture.md).

    None for office-wide staff (the PPID Utama's); for a PPID Pembantu's staff, whatever their
    role, the requesters of the requests their unit deals with: its own and those forwarded to it,
    as in ``services.access``; staff without a unit see none."""
    from django.db.models import Q

    from ppid.models import Unit

    from .models import InformationRequest

    if not user.is_authenticated or user.is_superuser:
        return None
    if user.unit_id is None:
        return InformationRequest.objects.none().values("requester")
    if user.unit.kind != Unit.Kind.ASSISTING:
        return None
    unit = user.unit_id
    return InformationRequest.objects.filter(Q(unit_id=unit) | Q(forwardings__unit_id=unit)).values("requester")


class RequestsConfig(AppConfig):
    name = "requests"
    label = "requests"
    verbose_name = _("Permohonan informasi")

    def ready(self):
        from ppid.services import register_calendar_change_hook
        from registry.selectors import register_requester_scope_hook

        from .services.deadlines import open_requests_recompute

        register_calendar_change_hook(open_requests_recompute)
        register_requester_scope_hook(requesters_in_unit_scope)
