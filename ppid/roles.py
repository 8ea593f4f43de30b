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
        user_access_load(user)
    return user._ppid_roles


def user_access_load(user) -> None:
    """The user's roles and, for an active account that is not a superuser, all their permissions
    (their own and their groups'), read in one query and kept on the user object for the request:
    the roles in ``_ppid_roles``, the permissions in ``_perm_cache``, Django's own per-request cache
    that ModelBackend.get_all_permissions fills the same way (a superuser or an inactive account
    never reads it). Every staff page needs both (the second-factor check, the view's permission)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import CharField, F, Q, Value

    # An app label is never empty, so "" marks the rows that are roles (group names).
    rows = Group.objects.filter(user=user).order_by().values_list(Value("", output_field=CharField()), "name")
    with_permissions = user.is_active and not user.is_superuser
    if with_permissions:
        own = user.user_permissions.through.objects.filter(user_id=user.pk).values("permission_id")
        grouped = Group.permissions.through.objects.filter(group__user=user).values("permission_id")
        permissions = Permission.objects.filter(Q(pk__in=own) | Q(pk__in=grouped))
        rows = rows.union(permissions.order_by().values_list(F("content_type__app_label"), "codename"), all=True)
    roles, perms = set(), set()
    for app_label, name in rows:
        if app_label:
            perms.add(f"{app_label}.{name}")
        else:
            roles.add(name)
    user._ppid_roles = frozenset(roles)
    if with_permissions:
        user._perm_cache = perms


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
