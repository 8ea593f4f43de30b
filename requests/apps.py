from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "requests"
    label = "requests"
    verbose_name = _("Permohonan informasi")

    def ready(self):
        from ppid.services import register_calendar_change_hook
        from registry.selectors import register_requester_scope_hook

        from .services.access import requesters_in_unit_scope
        from .services.deadlines import open_requests_recompute

        register_calendar_change_hook(open_requests_recompute)
        register_requester_scope_hook(requesters_in_unit_scope)

        from .exports import register_export_kinds

        register_export_kinds()
