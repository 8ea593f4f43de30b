from django.db import migrations

from ppid.roles import grant_permissions

VIEW = ["requests.view_informationrequest", "requests.view_register"]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        {
            "desk_officer": VIEW + ["requests.intake_request"],
            "classification_reviewer": VIEW + ["requests.review_request"],
            "ppid": VIEW + ["requests.intake_request", "requests.review_request", "requests.decide_request"],
            "ppid_pembantu": ["requests.supply_information"],
            "atasan_ppid": VIEW,
            "dispute_desk": VIEW,
            "admin": ["requests.*"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("requests", "0001_initial"), ("ppid", "0002_office_defaults")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
