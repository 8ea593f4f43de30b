"""The report's PDF, built in the background: the page's button queues it, the builder asks the same access
rule as the page, reports its progress, and the owner downloads an Indonesian PDF signed by the office's PPID."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ppid.models import GeneratedFile, OfficeSettings
from reports.documents import REPORT_PDF
from reports.models import ReportNarrative
from tests.ppid.generated_helpers import generated_files_private, job_build, job_download, job_queue  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated_files_private")]
Status = GeneratedFile.Status


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def pdf_url(query: str) -> str:
    return f"{reverse('reports:report-pdf')}?{query}"


def test_the_report_page_offers_the_pdf_as_a_button_that_posts(ppid_client):
    html = ppid_client.get(reverse("reports:report"), {"periode": "2025-10"}).content.decode()
    assert f'<form method="post" action="{pdf_url("periode=2025-10")}">' in html and "csrfmiddlewaretoken" in html


def test_an_old_link_to_the_pdf_asks_first_and_makes_nothing(ppid_client):
    response = ppid_client.get(reverse("reports:report-pdf"), {"periode": "2025-10"})
    html = response.content.decode()
    assert response.status_code == 200 and "Buat berkas" in html and "Oktober 2025" in html
    assert f'href="{reverse("reports:report")}?periode=2025-10"' in html  # "Batal" goes back to the same report
    assert not GeneratedFile.objects.exists()


def test_annual_report_pdf_is_built_in_the_background_in_indonesian_with_narrative_and_signature(
    ppid_client, django_capture_on_commit_callbacks, monkeypatch
):
    ReportNarrative.objects.create(year=2025, policy="Kebijakan pelayanan terbuka.", obstacles="Jaringan lambat.",
                                   recommendations="Menambah petugas meja.")
    # Signed by the office's PPID as the settings name them, never by the officer who asked for it.
    OfficeSettings.objects.update_or_create(pk=1, defaults={
        "ppid_official_name": "Ir. Bambang Setiawan", "ppid_official_position": "Kepala Dinas Komunikasi dan Informatika",
        "ppid_official_nip": "197003151995031002",
    })
    ppid_client.cookies["django_language"] = "en"  # the officer reads the portal in English; the PDF stays Indonesian
    assert "Requests by channel" in ppid_client.get(reverse("reports:report"), {"periode": "2025"}).content.decode()
    job = job_queue(ppid_client, pdf_url("periode=2025"), django_capture_on_commit_callbacks)
    assert job.kind == REPORT_PDF and job.params == {"period": "2025", "unit_id": None}
    assert ppid_client.get(reverse("generated-file", args=[job.pk])).status_code == 200  # the progress page

    built, steps = job_build(job, monkeypatch)
    assert built.status == Status.DONE and built.progress == 100 and built.filename == "laporan-2025.pdf"
    assert steps == [(1, 3), (2, 3)]  # the figures, the layout; the writing ends the job
    text = pdf_text(job_download(ppid_client, built))
    for expected in ("Laporan layanan informasi publik", "Tahun 2025", "Kebijakan pelayanan terbuka.", "Jaringan lambat.",
                     "Menambah petugas meja.", "Penolakan menurut alasan pengecualian", "Pasal 17 huruf h", "Daring (portal)", "Tepat waktu",
                     "Keberatan menurut alasan", "Ir. Bambang Setiawan", "NIP. 19700315 199503 1 002"):
        assert expected in text
    assert "Sri Wahyuni" not in text


def test_a_pembantu_officer_gets_their_own_units_report_whatever_the_link_asks(client, world, make_user, django_capture_on_commit_callbacks, monkeypatch):
    health, main = world["office"]["health"], world["office"]["main"]
    officer = make_user("ppid", unit=health)
    client.force_login(officer)
    job = job_queue(client, pdf_url(f"periode=2025-10&unit={main.pk}"), django_capture_on_commit_callbacks)
    assert job.params["unit_id"] == health.pk
    built, _steps = job_build(job, monkeypatch)
    assert built.status == Status.DONE and "Dinas Kesehatan" in pdf_text(job_download(client, built))


def test_the_builder_asks_again_an_officer_moved_to_a_pembantu_unit_gets_no_office_wide_report(
    ppid_client, world, django_capture_on_commit_callbacks, monkeypatch
):
    job = job_queue(ppid_client, pdf_url("periode=2025-10"), django_capture_on_commit_callbacks)
    officer = world["ppid"]
    officer.unit = world["office"]["health"]
    officer.save(update_fields=["unit"])
    built, steps = job_build(job, monkeypatch)
    assert built.status == Status.FAILED and not built.file and steps == []


def test_roles_without_reports_cannot_start_it_and_another_officer_cannot_download_it(
    client, ppid_client, world, make_user, django_capture_on_commit_callbacks, monkeypatch
):
    from tests.registry.factories import RequesterFactory

    job = job_queue(ppid_client, pdf_url("periode=2025-10"), django_capture_on_commit_callbacks)
    built, _steps = job_build(job, monkeypatch)
    office = world["office"]
    for user in (make_user("desk_officer", unit=office["main"]), RequesterFactory().user):
        client.force_login(user)
        assert client.post(pdf_url("periode=2025-10")).status_code == 403
        assert client.get(reverse("generated-file-download", args=[built.pk])).status_code == 404
    client.force_login(make_user("ppid", unit=office["main"]))  # the same role, not the owner
    assert client.get(reverse("generated-file-download", args=[built.pk])).status_code == 404
    assert GeneratedFile.objects.count() == 1
