"""Default service hours (so the engine works right after migrate) and the roles as groups."""

import datetime as dt

from django.db import migrations

from ppid.roles import ROLE_LABELS, STAFF_ROLES, grant_permissions

# Monday-Thursday 08:00-16:00 with a 12:00-13:00 break; Friday 08:00-16:30 with 11:30-13:00 (Jumat prayers).
DEFAULT_HOURS = {
    0: (dt.time(8), dt.time(16), dt.time(12), dt.time(13)),
    1: (dt.time(8), dt.time(16), dt.time(12), dt.time(13)),
    2: (dt.time(8), dt.time(16), dt.time(12), dt.time(13)),
    3: (dt.time(8), dt.time(16), dt.time(12), dt.time(13)),
    4: (dt.time(8), dt.time(16, 30), dt.time(11, 30), dt.time(13)),
}


def create_defaults(apps, schema_editor):
    ServiceHours = apps.get_model("ppid", "ServiceHours")
    for weekday in range(7):
        hours = DEFAULT_HOURS.get(weekday)
        if hours:
            opens, closes, break_start, break_end = hours
            ServiceHours.objects.get_or_create(
                weekday=weekday,
                defaults=dict(
                    is_open=True, opens_at=opens, closes_at=closes, break_starts_at=break_start, break_ends_at=break_end
                ),
            )
        else:
            ServiceHours.objects.get_or_create(weekday=weekday, defaults=dict(is_open=False))

    Group = apps.get_model("auth", "Group")
    for role in ROLE_LABELS:
        Group.objects.get_or_create(name=role)
    grants = {role: ["ppid.view_calendaroverride", "ppid.view_informationitem"] for role in STAFF_ROLES}
    grants["ppid"] += ["ppid.add_informationitem", "ppid.change_informationitem", "ppid.delete_informationitem"]
    grants["admin"] = ["ppid.*", "auth.*"]
    grant_permissions(apps, grants)


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
