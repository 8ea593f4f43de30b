"""Roles are Django groups with permissions; the groups are created by data migrations.

Each app's own data migration grants its permissions to the roles (so ppid never needs to
know the apps above it). The group name is the stable code; the label is what people see.
"""

from django.utils.translation import gettext_lazy as _

REQUESTER = "requester"
DESK_OFFICER = "desk_officer"
CLASSIFICATION_REVIEWER = "classification_reviewer"
PPID = "ppid"
PPID_PEMBANTU = "ppid_pembantu"
ATASAN_PPID = "atasan_ppid"
DISPUTE_DESK = "dispute_desk"
VERIFIER = "verifier"
ADMIN = "admin"

ROLE_LABELS = {
    REQUESTER: _("Pemohon informasi"),
    DESK_OFFICER: _("Petugas meja layanan"),
    CLASSIFICATION_REVIEWER: _("Petugas klasifikasi informasi"),
    PPID: _("PPID"),
    PPID_PEMBANTU: _("Petugas PPID Pembantu"),
    ATASAN_PPID: _("Atasan PPID"),
    DISPUTE_DESK: _("Petugas penyelesaian sengketa"),
    VERIFIER: _("Verifikator identitas"),
    ADMIN: _("Administrator"),
}
STAFF_ROLES = tuple(role for role in ROLE_LABELS if role != REQUESTER)


def user_roles(user):
    """The role codes of a user (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_ppid_roles"):
        user._ppid_roles = frozenset(user.groups.values_list("name", flat=True))
    return user._ppid_roles


def is_staff_member(user):
    return bool(user_roles(user) & set(STAFF_ROLES)) or user.is_superuser


def grant_permissions(apps, grants):
    """For data migrations: give each role the listed permissions ("app_label.codename" or "app_label.*")."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in grants.items():
        group, _created = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".", 1)
            permissions = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                permissions = permissions.filter(codename=codename)
                if not permissions.exists():
                    raise LookupError(f"unknown permission {name}")
            group.permissions.add(*permissions)
