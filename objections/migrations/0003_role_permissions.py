from django.db import migrations

from ppid.roles import grant_permissions

VIEW = ["objections.view_objection", "objections.view_objection_register"]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        {
            "desk_officer": VIEW + ["objections.add_objection"],
            "ppid": VIEW + ["objections.view_dispute"],
            "atasan_ppid": VIEW + ["objections.answer_objection", "objections.view_dispute"],
            "dispute_desk": VIEW + ["objections.handle_dispute", "objections.view_dispute"],
            "admin": ["objections.*"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("objections", "0002_initial"), ("ppid", "0002_office_defaults")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
