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
        self._invalidate_shared_config_on_writes()

    def _invalidate_shared_config_on_writes(self):
        """A write through the ORM drops this process's snapshot at once (ppid.shared_config); other
        processes and raw SQL are covered by the database triggers behind the stamp."""
        from django.db.models.signals import post_delete, post_save

        from .models import OfficeSettings, TwoFactorRequirement, Unit
        from .shared_config import shared_config_invalidate

        for model in (OfficeSettings, TwoFactorRequirement, Unit):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(shared_config_invalidate, sender=model, dispatch_uid=f"ppid-shared-config-{name}-{model.__name__}")
