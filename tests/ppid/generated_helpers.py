"""Helpers for tests of documents built in the background (ppid.generated): queue through the page's
POST, build as the worker would (``generated_file_build`` called directly), download as the owner."""

import datetime as dt

import pytest
from django.urls import reverse

from ppid import generated
from ppid.generated import generated_file_build
from ppid.models import GeneratedFile

BUILT_AT = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def generated_files_private(settings, tmp_path):
    """Built files go to a fresh private folder."""
    location = str(tmp_path / "generated")
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {"location": location, "base_url": None}}}


def job_queue(client, url: str, capture) -> GeneratedFile:
    """POST the page's button (``url`` with its query string): one job, its task sent only after commit,
    and the progress page next."""
    with capture(execute=False) as callbacks:
        response = client.post(url)
    assert response.status_code == 302, response.status_code
    job = GeneratedFile.objects.order_by("-pk").first()
    assert response["Location"] == reverse("generated-file", args=[job.pk])
    assert job.status == GeneratedFile.Status.PENDING and len(callbacks) == 1
    return job


def job_build(job: GeneratedFile, monkeypatch) -> tuple[GeneratedFile, list[tuple[int, int]]]:
    """Build the job as the worker would; returns it and the progress steps its builder reported."""
    steps = []

    class Recorder(generated._ProgressReporter):
        def __call__(self, done, total):
            steps.append((done, total))
            super().__call__(done, total)

    monkeypatch.setattr(generated, "_ProgressReporter", Recorder)
    return generated_file_build(file_id=job.pk, now=BUILT_AT), steps


def job_download(client, job: GeneratedFile) -> bytes:
    response = client.get(reverse("generated-file-download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == job.content_type
    return b"".join(response.streaming_content)
