from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The project layer's messaging: it reads requests and objections, so it sits above them."""

    name = "notifications"
    verbose_name = _("Pemberitahuan")

    def ready(self):
        from ppid.notify import register_notification_handler

        from .kinds import register_builtin_kinds
        from .outbox import requester_notification_record
        from .sources import register_builtin_sources

        register_builtin_sources()
        register_builtin_kinds()
        register_notification_handler(requester_notification_record)
        from ppid.services import register_calendar_change_hook

        from .calendar import calendar_change_enqueue

        register_calendar_change_hook(calendar_change_enqueue)
