from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "ppid"
    verbose_name = _("Kantor PPID")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from .celery import ensure_filesystem_broker_folders

        ensure_filesystem_broker_folders()
        from . import personal_data

        personal_data.register()  # requests and objections in a requester's data export
        from django.contrib.auth.signals import user_logged_in

        from .security import staff_session_shorten

        user_logged_in.connect(staff_session_shorten, dispatch_uid="ppid-staff-session")
