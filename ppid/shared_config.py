"""The shared configuration, cached per process and never stale: the office settings row, the
second-factor requirement of each role and the units.

Every staff page read them (three queries) though an administrator changes them a few times a
year. ``shared_config()`` returns one snapshot per process, checked against row 2 of the stamp
table once per HTTP request or Celery task (``ppid.stamps``; the triggers of migration 0010
change its token on any write to these tables, from any process or host). A save or delete
through the ORM in this process drops the snapshot at once (``shared_config_invalidate``,
connected in ``ppid.apps``), so the rest of the same request sees it too.

The snapshot is shared by every request of the process, so it is built of frozen values only:
read-only mappings, tuples and frozen dataclasses. Code that edits these rows reads them from
the database (the admin, ``ppid.office.office_settings_save``).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .stamps import CONFIGURATION_STAMP, StampedCache


@dataclass(frozen=True)
class UnitEntry:
    """A unit as the pages need it (the filter forms' lists, the staff's unit-scope rule)."""

    pk: int
    name: str
    code: str
    kind: str
    parent_id: int | None
    is_active: bool

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class SharedConfig:
    office: Mapping[str, object]  # the OfficeSettings row's columns (``logo`` is the file's name); empty without a row
    two_factor: tuple[tuple[str, bool], ...]  # (role, required) as an administrator set them
    units: tuple[UnitEntry, ...]  # in the model's order (kind, name)
    units_by_pk: Mapping[int, UnitEntry]


def load() -> SharedConfig:
    from .models import OfficeSettings, TwoFactorRequirement, Unit

    office = OfficeSettings.objects.filter(pk=1).values().first() or {}
    two_factor = tuple(TwoFactorRequirement.objects.order_by("role").values_list("role", "required"))
    fields = ("pk", "name", "code", "kind", "parent_id", "is_active")
    units = tuple(UnitEntry(*row) for row in Unit.objects.order_by("kind", "name").values_list(*fields))
    return SharedConfig(
        office=MappingProxyType(office),
        two_factor=two_factor,
        units=units,
        units_by_pk=MappingProxyType({unit.pk: unit for unit in units}),
    )


CACHE: StampedCache[SharedConfig] = StampedCache(CONFIGURATION_STAMP, load)


def shared_config() -> SharedConfig:
    """The current snapshot: checked against its stamp once per scope (every time outside one)."""
    return CACHE.get()


def shared_config_invalidate(**kwargs) -> None:
    """Forget the snapshot (this process wrote one of its rows; other processes see the new token).
    Takes a signal's keyword arguments."""
    CACHE.invalidate()


def user_unit_kind(user) -> str | None:
    """The kind of a staff member's unit (None without one), from the snapshot: the unit-scope rules
    ask it on every staff page."""
    if user.unit_id is None:
        return None
    unit = shared_config().units_by_pk.get(user.unit_id)
    return unit.kind if unit is not None else user.unit.kind
