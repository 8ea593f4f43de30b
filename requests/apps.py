from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def requesters_in_unit_scope(user):
    """For registry's visibility rule: None for office-wide staff, else the requesters of the requests
    the user's unit may see (registry cannot import requests; see docs/architecture.md)."""
    from .selectors_processing import requests_visible_to_staff, user_unit_scope

    if not user.is_authenticated or user_unit_scope(user) is None:
        return None
    return requests_visible_to_staff(user=user).values("requester")


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
