from django.db import migrations

from ppid.roles import grant_permissions

REPORTS = ["reports.view_reports", "reports.view_daily_report"]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        {
            "desk_officer": ["reports.view_daily_report", "reports.record_survey"],
            "ppid": REPORTS + ["reports.record_survey", "reports.edit_report_narrative"],
            "atasan_ppid": ["reports.view_reports"],
            "admin": ["reports.*"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("ppid", "0002_office_defaults")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
