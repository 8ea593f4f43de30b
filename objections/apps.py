from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectionsConfig(AppConfig):
    name = "objections"
    verbose_name = _("Keberatan dan sengketa")

    def ready(self):
        from ppid.services import register_calendar_change_hook

        from .dossier_files import dossier_file_kinds
        from .register_files import register_file_kinds
        from .services.deadlines import open_objections_recompute
        from .services.dispute_deadlines import open_disputes_recompute

        register_calendar_change_hook(open_objections_recompute)
        register_calendar_change_hook(open_disputes_recompute)
        dossier_file_kinds()
        register_file_kinds()
