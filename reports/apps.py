from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports, statistics, the satisfaction survey and open data: the project layer (see docs/reports.md)."""

    name = "reports"
    verbose_name = _("Laporan dan statistik")

    def ready(self):
        from .documents import report_file_kinds

        report_file_kinds()
