"""Background documents (ppid.generated): queued after commit, built with progress, kept privately,
downloaded only by their owner while they hold the permission, purged when expired."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ppid.generated import FileKind, generated_file_build, generated_file_kind_register, generated_files_purge
from ppid.models import GeneratedFile
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(tmp_path), "base_url": None}}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(client_for, office):
    return client_for("ppid", unit=office["main"])


def queue_xlsx(client, django_capture_on_commit_callbacks, **query):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("requests:register-xlsx") + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""))
    assert response.status_code == 302
    job = GeneratedFile.objects.get()
    assert response["Location"] == reverse("generated-file", args=[job.pk])
    assert len(callbacks) == 1  # the task is sent only after commit
    return job


def test_an_xlsx_export_is_queued_built_with_progress_and_downloaded_by_its_owner(staff, django_capture_on_commit_callbacks, monkeypatch):
    for _ in range(5):
        InformationRequestFactory()
    monkeypatch.setattr("requests.exports.EXPORT_CHUNK", 2)
    seen = []
    original = GeneratedFile.objects.filter

    job = queue_xlsx(staff, django_capture_on_commit_callbacks)
    assert job.status == GeneratedFile.Status.PENDING and job.owner == staff.user
    page = staff.get(reverse("generated-file", args=[job.pk])).content.decode()
    assert "Menunggu giliran" in page and 'value="0"' in page

    from ppid import generated

    class Spy(generated._ProgressReporter):
        def __call__(self, done, total):
            super().__call__(done, total)
            seen.append(original(pk=self.job_id).values_list("progress", flat=True).get())

    monkeypatch.setattr(generated, "_ProgressReporter", Spy)
    built = generated_file_build(file_id=job.pk, now=NOW)
    assert built.status == GeneratedFile.Status.DONE and built.progress == 100
    assert seen and seen == sorted(seen) and 0 < seen[0] < 100  # progress was visible while building

    state = staff.get(reverse("generated-file-status", args=[job.pk])).json()
    assert state["status"] == "done" and state["download_url"]
    response = staff.get(state["download_url"])
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor register" and len(rows) == 6
    listing = staff.get(reverse("generated-files")).content.decode()
    assert job.title in listing and state["download_url"] in listing


def test_building_twice_builds_once(staff, django_capture_on_commit_callbacks):
    job = queue_xlsx(staff, django_capture_on_commit_callbacks)
    first = generated_file_build(file_id=job.pk, now=NOW)
    name = first.file.name
    second = generated_file_build(file_id=job.pk, now=NOW)
    assert second.file.name == name


def test_another_user_gets_404_and_a_user_without_the_permission_403(staff, client, make_user, office, django_capture_on_commit_callbacks):
    job = queue_xlsx(staff, django_capture_on_commit_callbacks)
    generated_file_build(file_id=job.pk, now=NOW)
    urls = [reverse(name, args=[job.pk]) for name in ("generated-file", "generated-file-status", "generated-file-download")]
    other = make_user("ppid", unit=office["main"])
    client.force_login(other)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)  # to the login page
    owner = staff.user
    owner.groups.clear()
    owner.user_permissions.add(Permission.objects.get(codename="view_calendaroverride"))
    staff.force_login(type(owner).objects.get(pk=owner.pk))
    assert [staff.get(url).status_code for url in urls] == [403, 403, 403]


def test_a_requester_cannot_queue_a_register_export(client, django_capture_on_commit_callbacks):
    from tests.registry.factories import RequesterFactory

    client.force_login(RequesterFactory().user)
    assert client.post(reverse("requests:register-xlsx")).status_code == 403
    assert not GeneratedFile.objects.exists()


def test_a_failed_build_is_recorded_and_shown(staff, django_capture_on_commit_callbacks):
    def broken(**kwargs):
        raise RuntimeError("boom")

    generated_file_kind_register(FileKind("tests.broken", "rusak", "requests.view_register", broken))
    job = GeneratedFile.objects.create(owner=staff.user, kind="tests.broken", title="Rusak", created_at=NOW, expires_at=NOW)
    assert generated_file_build(file_id=job.pk, now=NOW).status == GeneratedFile.Status.FAILED
    assert "gagal dibuat" in staff.get(reverse("generated-file", args=[job.pk])).content.decode()


def test_unknown_or_unfinished_files_do_not_download(staff, django_capture_on_commit_callbacks):
    job = queue_xlsx(staff, django_capture_on_commit_callbacks)
    assert staff.get(reverse("generated-file-download", args=[job.pk])).status_code == 404
    assert staff.get(reverse("generated-file-download", args=[job.pk + 999])).status_code == 404


def test_expired_files_are_purged_with_their_records(staff, django_capture_on_commit_callbacks):
    job = queue_xlsx(staff, django_capture_on_commit_callbacks)
    job = generated_file_build(file_id=job.pk, now=NOW)
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    assert generated_files_purge(now=job.expires_at - dt.timedelta(seconds=1)) == 0
    assert generated_files_purge(now=job.expires_at) == 1
    assert not storage.exists(name) and not GeneratedFile.objects.exists()
    assert generated_files_purge(now=job.expires_at) == 0


def test_export_builders_cost_the_same_queries_at_any_size(staff, tmp_path):
    from requests.exports import register_pdf_build, register_xlsx_build

    params = {"date_from": "2026-01-01", "date_to": timezone.localdate().isoformat()}

    def queries(build):
        with CaptureQueriesContext(connection) as captured, (tmp_path / "out").open("wb") as output:
            build(owner=staff.user, params=params, output=output, progress=lambda done, total: None)
        return len(captured)

    InformationRequestFactory()
    queries(register_xlsx_build)  # the owner's permissions are loaded once, then cached on the user
    small = (queries(register_xlsx_build), queries(register_pdf_build))
    for _ in range(8):
        InformationRequestFactory()
    assert (queries(register_xlsx_build), queries(register_pdf_build)) == small


def test_csv_export_costs_the_same_queries_at_any_size(staff):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            b"".join(staff.get(reverse("requests:register-csv")).streaming_content)
        return len(captured)

    InformationRequestFactory()
    queries()  # loads this process's snapshots of the configuration and the calendar
    small = queries()
    for _ in range(8):
        InformationRequestFactory()
    assert queries() == small
