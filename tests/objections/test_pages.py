"""The pages: filing online from the request page and at the desk (proxy with power of attorney),
the Atasan's queue and answer, the requester's objection page, the register with its exports."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pdfminer.high_level import extract_text

from objections.models import Objection
from objections.services import answer as answer_services
from ppid.models import GeneratedFile
from tests.objections.helpers import at, decided_request, file_online, query_counts_with_one_and_four_objections
from tests.ppid.generated_helpers import generated_files_private, job_build, job_download, job_queue  # noqa: F401
from tests.requests.processing_helpers import pdf_upload

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2026, 3, 20), 10)


@pytest.fixture
def frozen(monkeypatch):
    """The views read timezone.now(); these tests fix it at NOW (no test depends on today's date)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_requester_files_online_from_the_request_page(client, people, frozen):
    request, _ = decided_request(people)
    client.force_login(request.requester.user)
    page = client.get(reverse("requests:my-request-processing", args=[request.pk]))
    assert reverse("objections:file-online", args=[request.pk]) in page.content.decode()
    form = client.get(reverse("objections:file-online", args=[request.pk]))
    body = form.content.decode()
    assert form.status_code == 200 and 'name="ground_a"' in body and 'name="ground_g"' not in body and 'name="ground_c"' not in body
    missing = client.post(reverse("objections:file-online", args=[request.pk]), {"ground_a": "on"})
    assert missing.status_code == 400 and "kata-kata Anda" in missing.content.decode()
    assert not Objection.objects.exists()
    response = client.post(reverse("objections:file-online", args=[request.pk]), {"ground_a": "on", "reason_a": "Bukan rahasia."})
    objection = Objection.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("objections:mine-detail", args=[objection.pk])
    detail = client.get(response["Location"]).content.decode()
    assert objection.register_number in detail and "Diterima dan diregister" in detail
    assert client.get(reverse("objections:receipt-pdf", args=[objection.pk]))["Content-Type"] == "application/pdf"


def test_desk_records_an_objection_through_a_proxy_with_the_power_of_attorney(client, people, frozen, tmp_path, settings):
    request, _ = decided_request(people, method="pick_up")
    client.force_login(people["desk"])
    url = reverse("objections:file-desk", args=[request.pk])
    assert client.get(url).status_code == 200
    data = {
        "channel": "letter", "received_on": "2026-03-19", "received_time": "14:30", "ground_a": "on", "reason_a": "Tidak dikecualikan.",
        "proxy_name": "LBH Bima", "proxy_address": "Jl. Soekarno-Hatta 1",
    }
    without = client.post(url, data)
    assert without.status_code == 400 and "surat kuasa" in without.content.decode()
    bad = client.post(url, {**data, "power_of_attorney": io.BytesIO(b"MZ not a document")})
    assert bad.status_code == 400 and not Objection.objects.exists()
    response = client.post(url, {**data, "power_of_attorney": pdf_upload("kuasa.pdf")})
    objection = Objection.objects.get()
    assert response.status_code == 302
    assert (objection.channel, objection.proxy_name, objection.received_by) == ("letter", "LBH Bima", people["desk"])
    assert objection.submitted_at == at(dt.date(2026, 3, 19), 14, 30)
    assert objection.power_of_attorney
    assert client.get(reverse("objections:power-of-attorney", args=[objection.pk])).status_code == 200
    form = client.get(reverse("objections:form-pdf", args=[objection.pk]))
    text = " ".join(extract_text(io.BytesIO(form.content)).split())
    assert "LBH Bima" in text and "Kuasa pemohon" in text


def test_atasan_queue_detail_and_answer(client, people, frozen):
    request, _ = decided_request(people)
    objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    client.force_login(people["atasan"])
    assert client.get(reverse("start"))["Location"] == reverse("objections:atasan-queue")
    queue = client.get(reverse("objections:atasan-queue")).content.decode()
    assert objection.register_number in queue
    assert objection.register_number not in client.get(reverse("objections:atasan-queue") + "?alasan=c").content.decode()
    detail = client.get(reverse("objections:detail", args=[objection.pk])).content.decode()
    assert "Uji kepentingan publik" in detail and reverse("objections:answer", args=[objection.pk]) in detail
    response = client.post(
        reverse("objections:answer", args=[objection.pk]),
        {"outcome": "upheld", "body": "Dibuka.", "ordered_decision": "granted", "compliance_working_days": "10"},
    )
    assert response.status_code == 302
    objection = Objection.objects.get(pk=objection.pk)
    assert objection.status == "answered" and objection.compliance_due
    client.force_login(request.requester.user)
    mine = client.get(reverse("objections:mine-detail", args=[objection.pk])).content.decode()
    assert "Keberatan diterima" in mine and "Komisi Informasi" in mine
    assert client.get(reverse("objections:answer-pdf", args=[objection.pk])).status_code == 200
    assert client.post(reverse("objections:mine-accept", args=[objection.pk]), {"reply": "Terima kasih."}).status_code == 302
    assert Objection.objects.get(pk=objection.pk).status == "closed"


def test_register_lists_every_column_filters_and_exports(client, people, frozen, monkeypatch, django_capture_on_commit_callbacks, generated_files_private):
    request, _ = decided_request(people)
    objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10), reason="=HYPERLINK(\"x\")")
    answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 20), 9))
    client.force_login(people["ppid"])
    page = client.get(reverse("objections:register")).content.decode()
    for label in ("Nomor register keberatan", "Pemohon / kuasa", "Keputusan PPID", "Nama dan jabatan atasan PPID", "Tanggapan pemohon"):
        assert label in page
    assert objection.register_number in page
    assert objection.register_number not in client.get(reverse("objections:register") + "?ground=c").content.decode()
    csv_text = b"".join(client.get(reverse("objections:register-csv")).streaming_content).decode("utf-8-sig")
    assert objection.register_number in csv_text and "'a. =HYPERLINK" not in csv_text and "Ditolak" in csv_text
    assert "Buat berkas" in client.get(reverse("objections:register-xlsx") + "?ground=a").content.decode()
    xlsx_job, steps = job_build(job_queue(client, reverse("objections:register-xlsx") + "?ground=a", django_capture_on_commit_callbacks), monkeypatch)
    assert xlsx_job.status == "done" and xlsx_job.params["ground"] == "a"
    sheet = load_workbook(io.BytesIO(job_download(client, xlsx_job))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == objection.register_number
    pdf_job, steps = job_build(job_queue(client, reverse("objections:register-pdf"), django_capture_on_commit_callbacks), monkeypatch)
    assert pdf_job.status == "done" and steps[-1][0] == steps[-1][1] - 1  # every part laid out, then written
    text = " ".join(extract_text(io.BytesIO(job_download(client, pdf_job))).split())
    assert "BUKU REGISTER KEBERATAN" in text and objection.register_number in text


def test_register_print_in_parts_keeps_every_row_and_the_title_once(people, frozen, monkeypatch):
    from objections import register_files

    monkeypatch.setattr(register_files, "PRINT_PART_ROWS", 1)
    objections = []
    for hour in (9, 10, 11):
        request, _ = decided_request(people)
        objections.append(file_online(request, "a", now=at(dt.date(2026, 3, 19), hour)))
    steps, output = [], io.BytesIO()
    name, content_type = register_files.register_pdf_build(
        owner=people["ppid"], params={}, output=output, progress=lambda done, total: steps.append((done, total))
    )
    assert content_type == "application/pdf" and name.endswith(".pdf")
    assert steps == [(1, 4), (2, 4), (3, 4)]  # one step per part laid out; the writing is the last
    text = " ".join(extract_text(io.BytesIO(output.getvalue())).split())
    numbers = [objection.register_number for objection in objections]
    assert all(number in text for number in numbers)
    assert text.index(numbers[0]) < text.index(numbers[1]) < text.index(numbers[2])  # oldest first, as a register book
    assert text.count("PEMERINTAH") == 1  # the letterhead on the first page only


def test_register_export_with_filters_that_do_not_validate_is_refused_with_the_reason(client, people):
    client.force_login(people["ppid"])
    url = reverse("objections:register-xlsx") + "?date_from=31-02-2026&ground=z"
    page = client.get(url).content.decode()
    assert "Filter register tidak sah" in page and "Buat berkas" not in page
    response = client.post(url, follow=True)
    assert "Filter register tidak sah" in response.content.decode()
    assert not GeneratedFile.objects.exists()


def test_register_print_beyond_its_cap_is_refused_before_anything_is_made(client, people, frozen, monkeypatch):
    from objections import register_files

    request, _ = decided_request(people)
    file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    other, _n = decided_request(people)
    file_online(other, "a", now=at(dt.date(2026, 3, 19), 11))
    monkeypatch.setattr(register_files, "PRINT_MAX_ROWS", 1)
    client.force_login(people["ppid"])
    response = client.post(reverse("objections:register-pdf") + "?ground=a", follow=True)
    assert "lebih dari 1 keberatan" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("objections:register") + "?ground=a"
    assert not GeneratedFile.objects.exists()


def test_register_exports_read_a_constant_number_of_queries(people):
    from objections.register_files import register_xlsx_build

    def export():
        register_xlsx_build(owner=people["ppid"], params={}, output=io.BytesIO(), progress=lambda done, total: None)

    one, four = query_counts_with_one_and_four_objections(people, export)
    assert four == one


def test_register_export_of_another_officer_is_not_theirs_to_download(client, people, frozen, monkeypatch, django_capture_on_commit_callbacks, generated_files_private):
    request, _ = decided_request(people)
    file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    client.force_login(people["ppid"])
    job, _steps = job_build(job_queue(client, reverse("objections:register-xlsx"), django_capture_on_commit_callbacks), monkeypatch)
    client.force_login(people["atasan"])
    assert client.get(reverse("generated-file-download", args=[job.pk])).status_code == 404


def test_register_reads_a_constant_number_of_queries(people):
    from objections.selectors_register import RegisterFilters, register_rows

    def read():
        register_rows(user=people["ppid"], filters=RegisterFilters(), today=dt.date(2026, 3, 20))

    one, four = query_counts_with_one_and_four_objections(people, read)
    assert four == one


def test_admin_shows_objections_read_only_and_cannot_add(client, people, make_user):
    request, _ = decided_request(people)
    objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("admin:objections_objection_add")).status_code == 403
    assert client.get(reverse("admin:objections_objection_change", args=[objection.pk])).status_code == 200
    assert client.get(reverse("admin:objections_objection_changelist")).status_code == 200


def test_desk_record_older_than_the_backdate_limit_needs_a_reason(client, people, frozen, settings):
    request, _ = decided_request(people)
    client.force_login(people["desk"])
    url = reverse("objections:file-desk", args=[request.pk])
    data = {"channel": "walk_in", "received_on": "2026-03-16", "received_time": "10:00", "ground_a": "on", "reason_a": "Tidak dikecualikan."}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "pencatatan mundur" in refused.content.decode() and not Objection.objects.exists()
    assert client.post(url, {**data, "backdate_reason": "Surat baru diteruskan bagian umum."}).status_code == 302
    objection = Objection.objects.get()
    assert objection.backdate_reason and objection.events.get(action="filed").note == "Surat baru diteruskan bagian umum."
