"""Roles are Django groups with permissions; the groups are created by data migrations.

Each app's own data migration grants its permissions to the roles (so ppid never needs to
know the apps above it). The group name is the stable code; the label is what people see.
"""

from functools import lru_cache

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
    never reads it). Every staff page needs both (the second-factor check, the view's permission).

    Plain SQL: building the same union with the ORM cost twice the database's time for it."""
    from django.db import connection

    with_permissions = user.is_active and not user.is_superuser
    roles_sql, permissions_sql = _access_sql()
    with connection.cursor() as cursor:
        if with_permissions:
            cursor.execute(f"{roles_sql} UNION ALL {permissions_sql}", [user.pk, user.pk, user.pk])
        else:
            cursor.execute(roles_sql, [user.pk])
        rows = cursor.fetchall()
    user._ppid_roles = frozenset(name for app_label, name in rows if not app_label)
    if with_permissions:
        user._perm_cache = {f"{app_label}.{name}" for app_label, name in rows if app_label}


@lru_cache(maxsize=1)
def _access_sql() -> tuple[str, str]:
    """The roles (group names, marked by an empty app label: a real one is never empty) and the
    permissions (own or through a group) of the user given as the parameter, each as "app_label, name"."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    q = connection.ops.quote_name
    User = get_user_model()
    in_group, own = User.groups.through._meta, User.user_permissions.through._meta
    granted = Group.permissions.through._meta
    user_col = q(in_group.get_field(User._meta.model_name).column)
    group_col = q(in_group.get_field("group").column)
    own_user_col = q(own.get_field(User._meta.model_name).column)
    own_permission_col = q(own.get_field("permission").column)
    granted_group_col, granted_permission_col = q(granted.get_field("group").column), q(granted.get_field("permission").column)
    group, permission, content_type = q(Group._meta.db_table), q(Permission._meta.db_table), q(ContentType._meta.db_table)
    roles = (
        f"SELECT '' AS app_label, g.{q('name')} AS name FROM {group} g INNER JOIN {q(in_group.db_table)} ug "
        f"ON ug.{group_col} = g.{q('id')} WHERE ug.{user_col} = %s"
    )
    permissions = (
        f"SELECT ct.{q('app_label')}, p.{q('codename')} FROM {permission} p INNER JOIN {content_type} ct "
        f"ON ct.{q('id')} = p.{q('content_type_id')} "
        f"WHERE p.{q('id')} IN (SELECT {own_permission_col} FROM {q(own.db_table)} WHERE {own_user_col} = %s) "
        f"OR p.{q('id')} IN (SELECT gp.{granted_permission_col} FROM {q(granted.db_table)} gp INNER JOIN {q(in_group.db_table)} ug "
        f"ON ug.{group_col} = gp.{granted_group_col} WHERE ug.{user_col} = %s)"
    )
    return roles, permissions


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
