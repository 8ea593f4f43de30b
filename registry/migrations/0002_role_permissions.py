from django.db import migrations

from ppid.roles import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        {
            "verifier": ["registry.view_requester", "registry.verify_requester", "registry.view_identitydocument", "registry.view_full_nik"],
            "desk_officer": [
                "registry.view_requester",
                "registry.add_requester",
                "registry.change_requester",
                "registry.view_identitydocument",
                "registry.view_full_nik",
                "registry.verify_requester",
            ],
            "ppid": ["registry.view_requester", "registry.view_identitydocument"],
            "classification_reviewer": ["registry.view_requester"],
            "atasan_ppid": ["registry.view_requester"],
            "dispute_desk": ["registry.view_requester"],
            "admin": ["registry.*"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial"), ("ppid", "0002_office_defaults")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
