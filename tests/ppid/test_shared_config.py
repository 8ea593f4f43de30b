"""The shared configuration's snapshot (office settings, second-factor requirements, units): checked
against its database stamp once per unit of work, together with the calendar's, and never stale,
whoever changes the rows and from where."""

import dataclasses
import multiprocessing

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid import shared_config as shared_config_module
from ppid.models import OfficeSettings, TwoFactorRequirement, Unit
from ppid.office import office_identity
from ppid.security import roles_requiring_two_factor
from ppid.shared_config import shared_config
from ppid.stamps import CALENDAR_STAMP, CONFIGURATION_STAMP, read_tokens, stamp_scope

CACHED_TABLES = ("ppid_officesettings", "ppid_twofactorrequirement", "ppid_unit")


def _rename_office_behind_the_cache(name):
    with connection.cursor() as cursor:  # as another program would: no ORM, no signal
        cursor.execute("UPDATE ppid_officesettings SET ppid_name = %s WHERE id = 1", [name])


@pytest.fixture
def settings_row(db):
    return OfficeSettings.objects.update_or_create(pk=1, defaults={"ppid_name": "PPID Kabupaten Awal"})[0]


@pytest.mark.django_db
def test_every_write_to_the_shared_configuration_changes_its_stamp_but_not_the_calendars(settings_row, office):
    first = read_tokens()
    _rename_office_behind_the_cache("PPID Kabupaten Baru")
    second = read_tokens()
    TwoFactorRequirement.objects.create(role="desk_officer", required=True)
    third = read_tokens()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ppid_unit SET name = name || ' (lama)'")
    fourth = read_tokens()
    assert len({tokens[CONFIGURATION_STAMP] for tokens in (first, second, third, fourth)}) == 4
    assert len({tokens[CALENDAR_STAMP] for tokens in (first, second, third, fourth)}) == 1


@pytest.mark.django_db
def test_a_change_written_behind_the_cache_is_seen_by_the_next_scope(settings_row):
    with stamp_scope():
        assert office_identity().ppid_name == "PPID Kabupaten Awal"
    _rename_office_behind_the_cache("PPID Kabupaten Baru")
    with stamp_scope():
        assert office_identity().ppid_name == "PPID Kabupaten Baru"


@pytest.mark.django_db
def test_an_orm_save_in_this_process_is_seen_at_once_inside_the_same_scope(settings_row, office):
    with stamp_scope():
        assert "desk_officer" not in roles_requiring_two_factor()
        assert office["health"].pk in shared_config().units_by_pk
        TwoFactorRequirement.objects.create(role="desk_officer", required=True)  # as the admin saves it
        assert "desk_officer" in roles_requiring_two_factor()
        office["health"].delete()
        assert office["health"].pk not in shared_config().units_by_pk


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_stale_snapshot(settings_row):
    with stamp_scope():
        assert office_identity().ppid_name == "PPID Kabupaten Awal"
    with pytest.raises(RuntimeError), transaction.atomic():
        with stamp_scope():
            office_identity()  # the scope reads the stamps before the change
            _rename_office_behind_the_cache("PPID Dibatalkan")
            with stamp_scope():
                assert office_identity().ppid_name == "PPID Dibatalkan"
        raise RuntimeError
    with stamp_scope():
        assert office_identity().ppid_name == "PPID Kabupaten Awal"


@pytest.mark.django_db
def test_a_scope_reads_both_stamps_in_one_query_then_uses_both_snapshots_without_queries(settings_row, office):
    from ppid.workdays import OfficeCalendar

    with stamp_scope():
        office_identity(), OfficeCalendar().service_hours()  # warm both snapshots
    with stamp_scope(), CaptureQueriesContext(connection) as captured:
        office_identity()
        roles_requiring_two_factor()
        shared_config().units
        OfficeCalendar().service_hours()
        office_identity()
    assert len(captured) == 1 and "ppid_calendarstamp" in captured[0]["sql"]


@pytest.mark.django_db
def test_an_http_request_reads_the_stamps_once_and_no_cached_table(client_for, settings_row):
    client = client_for("desk_officer")
    url = reverse("working-calendar") + "?received_on=2026-03-11&received_time=10:00"
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len([q for q in captured if "ppid_calendarstamp" in q["sql"]]) == 1
    assert not [q for q in captured if any(table in q["sql"] for table in CACHED_TABLES)]


@pytest.mark.django_db
def test_the_snapshot_cannot_be_changed_by_its_readers(settings_row, office):
    config = shared_config()
    with pytest.raises(TypeError):
        config.office["ppid_name"] = "diubah"
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.units[0].name = "diubah"
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.units = ()
    assert isinstance(config.two_factor, tuple) and isinstance(config.units, tuple)


def _rename_unit_in_another_process(pk, name, done):
    """Runs in a forked child: its own database connection, its own commit."""
    connections.close_all()
    Unit.objects.filter(pk=pk).update(name=name)
    connections.close_all()
    done.set()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_unit_renamed_in_another_process_is_seen_by_this_one(office):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): the SQLite test database lives in this process's memory")
    health = office["health"]
    with stamp_scope():
        assert shared_config().units_by_pk[health.pk].name == "Dinas Kesehatan"
    warm = shared_config_module.CACHE.snapshot
    assert warm is not None
    connections.close_all()  # the child must not share this process's connection
    context = multiprocessing.get_context("fork")
    done = context.Event()
    child = context.Process(target=_rename_unit_in_another_process, args=(health.pk, "Dinas Kesehatan Daerah", done))
    child.start()
    child.join(60)
    assert child.exitcode == 0 and done.is_set()
    assert shared_config_module.CACHE.snapshot is warm  # nothing told this process directly
    with stamp_scope():
        assert shared_config().units_by_pk[health.pk].name == "Dinas Kesehatan Daerah"
    assert shared_config_module.CACHE.snapshot is not warm
