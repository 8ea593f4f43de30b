"""The dispute desk's pages, the requester's escalation, documents and the escalation dossier."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pdfminer.high_level import extract_text

from objections.dossier_files import DISPUTE_DOSSIER, OBJECTION_DOSSIER
from objections.models import Dispute
from objections.services import disputes
from ppid.models import GeneratedFile
from requests.models import CoordinationMeeting, Notice
from tests.objections.dispute_factories import WIB, make_answer, make_dispute, make_objection
from tests.ppid.generated_helpers import generated_files_private, job_build, job_download, job_queue  # noqa: F401
from tests.requests.factories import InformationRequestFactory
from tests.requests.processing_helpers import PDF_BYTES, exempt_review, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
REVIEWED = dt.datetime(2026, 5, 5, 10, tzinfo=WIB)


@pytest.fixture(autouse=True)
def clock():
    """The pages read the clock: it stands within the dispute window (20 August 2026), whatever today is."""
    with time_machine.travel(dt.datetime(2026, 8, 20, 10, tzinfo=WIB), tick=False):
        yield


@pytest.fixture
def case(office, make_user, private_media):  # noqa: F811
    ppid = make_user("ppid", unit=office["main"], first_name="Siti", last_name="Rahma")
    request = InformationRequestFactory(received_at=dt.datetime(2026, 5, 4, 10, tzinfo=WIB), unit=office["main"])
    review = exempt_review(request, make_user("classification_reviewer", unit=office["main"]), now=REVIEWED)
    CoordinationMeeting.objects.create(
        request=request, held_on=dt.date(2026, 5, 6), attendees="PPID, Bagian Hukum, Bagian Pengadaan",
        summary="Rapat sepakat dokumen penawaran dikecualikan.", recorded_by=ppid,
    )
    Notice.objects.create(
        request=request, kind=Notice.Kind.REFUSAL, number="0007/PPID-TOLAK/V/2026", decision="refused", review=review,
        issued_by=ppid, issued_at=dt.datetime(2026, 5, 8, 10, tzinfo=WIB), received_by_requester_on=dt.date(2026, 5, 8),
    )
    request.status, request.decision = "decided", "refused"
    request.save(update_fields=["status", "decision"])
    objection = make_objection(request, submitted_at=dt.datetime(2026, 6, 15, 10, tzinfo=WIB), ground_date=dt.date(2026, 5, 8))
    atasan = make_user("atasan_ppid", unit=office["main"])
    make_answer(objection, answered_at=dt.datetime(2026, 8, 5, 10, tzinfo=WIB), answered_by=atasan, received_on=dt.date(2026, 8, 10))
    desk = make_user("dispute_desk", unit=office["main"])
    return {"request": request, "objection": objection, "desk": desk, "ppid": ppid}


def test_the_dispute_desk_starts_on_its_queue(client, case):
    client.force_login(case["desk"])
    response = client.get(reverse("start"))
    assert response["Location"] == reverse("disputes:queue")
    page = client.get(reverse("disputes:queue")).content.decode()
    assert str(case["objection"]) in page and reverse("disputes:open", args=[case["objection"].pk]) in page


def test_the_queue_reads_a_constant_number_of_queries(client, case, office):
    client.force_login(case["desk"])
    make_dispute(case["objection"], filed_on=dt.date(2026, 8, 20))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("disputes:queue")).status_code == 200
        return len(queries)

    before = count()
    for _ in range(3):
        request = InformationRequestFactory(unit=office["main"])
        make_dispute(make_objection(request, submitted_at=dt.datetime(2026, 6, 15, 10, tzinfo=WIB)), filed_on=dt.date(2026, 8, 20))
    assert count() == before


def test_the_page_offers_what_the_guards_allow_and_a_forged_post_gets_the_reason(client, case):
    dispute = make_dispute(case["objection"], filed_on=dt.date(2026, 8, 20))
    assert dispute.concerns_exemption
    client.force_login(case["desk"])
    disputes.dispute_register(
        dispute_id=dispute.pk, level="provinsi", commission="Komisi Informasi Provinsi Jawa Barat", number="045/REG-PSI/IX/2026",
        registered_on=dt.date(2026, 9, 1), actor=case["desk"], now=dt.datetime(2026, 9, 2, 10, tzinfo=WIB),
    )
    page = client.get(reverse("disputes:detail", args=[dispute.pk])).content.decode()
    assert reverse("disputes:adjudication", args=[dispute.pk]) in page
    assert reverse("disputes:mediation", args=[dispute.pk]) not in page
    forged = client.post(reverse("disputes:mediation", args=[dispute.pk]), {"day": "2026-09-08"})
    assert forged.status_code == 409 and "pasal 17" in forged.content.decode()
    # Someone without the dispute desk's permission: 403 before the dispute is looked up.
    client.force_login(case["ppid"])
    assert client.post(reverse("disputes:hearing", args=[dispute.pk]), {}).status_code == 403
    assert client.get(reverse("disputes:detail", args=[dispute.pk])).status_code == 200  # the PPID may view


def test_the_requester_escalates_and_another_requester_cannot(client, case):
    from tests.registry.factories import RequesterFactory

    objection = case["objection"]
    url = reverse("disputes:escalate", args=[objection.pk])
    client.force_login(RequesterFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(objection.requester.user)
    page = client.get(url)
    assert page.status_code == 200 and "1 September 2026" in page.content.decode()
    assert client.post(url, {"note": "Saya tidak puas."}).status_code == 400  # the confirmation box is required
    assert client.post(url, {"note": "Saya tidak puas.", "confirm": "on"}).status_code == 302
    dispute = objection.disputes.get()
    assert (dispute.filed_on, dispute.filed_via, dispute.stage) == (dt.date(2026, 8, 20), "requester", "filed")
    assert client.get(url).status_code == 409  # once


def test_documents_are_checked_by_content_and_served_privately(client, case):
    dispute = make_dispute(case["objection"], filed_on=dt.date(2026, 8, 20))
    client.force_login(case["desk"])
    url = reverse("disputes:document-add", args=[dispute.pk])
    bad = client.post(url, {"title": "Surat panggilan", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")})
    assert bad.status_code == 400 and not dispute.documents.exists()
    good = client.post(url, {"title": "Surat panggilan", "file": SimpleUploadedFile("panggilan.pdf", PDF_BYTES)})
    assert good.status_code == 302
    document = dispute.documents.get()
    response = client.get(reverse("disputes:document-file", args=[document.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_hearing_form_records_a_mediation_hearing(client, case, office, make_user):
    request = InformationRequestFactory(unit=office["main"])
    objection = make_objection(request, submitted_at=dt.datetime(2026, 6, 15, 10, tzinfo=WIB), grounds=("c",))
    dispute = make_dispute(objection, filed_on=dt.date(2026, 8, 20), stage=Dispute.Stage.MEDIATION,
                           registered_on=dt.date(2026, 9, 1), mediation_started_on=dt.date(2026, 9, 15))
    with time_machine.travel(dt.datetime(2026, 9, 20, 10, tzinfo=WIB), tick=False):
        client.force_login(case["desk"])
        response = client.post(reverse("disputes:hearing", args=[dispute.pk]), {
            "held_at": "2026-09-16T09:30", "agenda": "Mediasi pertama", "place": "Kantor KI Provinsi",
            "attended_by": "Atasan PPID; petugas sengketa; pemohon", "minutes": "Para pihak sepakat bertemu lagi.",
        })
    assert response.status_code == 302
    hearing = dispute.hearings.get()
    assert hearing.stage == "mediation" and hearing.held_at == dt.datetime(2026, 9, 16, 9, 30, tzinfo=WIB)


def pdf_text(content: bytes) -> str:
    return " ".join(extract_text(io.BytesIO(content)).split())


def test_the_dossier_is_built_in_the_background_and_tells_the_whole_story_in_indonesian(
    client, case, generated_files_private, django_capture_on_commit_callbacks, monkeypatch  # noqa: F811
):
    dispute = make_dispute(case["objection"], filed_on=dt.date(2026, 8, 20))
    from objections.services.dispute_records import hearing_record

    later = dt.datetime(2026, 9, 30, 10, tzinfo=WIB)
    disputes.dispute_register(
        dispute_id=dispute.pk, level="provinsi", commission="Komisi Informasi Provinsi Jawa Barat", number="045/REG-PSI/IX/2026",
        registered_on=dt.date(2026, 9, 1), actor=case["desk"], now=later,
    )
    hearing_record(
        dispute_id=dispute.pk, held_at=dt.datetime(2026, 9, 22, 9, tzinfo=WIB), agenda="Pemeriksaan awal para pihak",
        place="Ruang sidang", attended_by="Atasan PPID, petugas sengketa", minutes="Kewenangan dan kedudukan hukum diperiksa.",
        actor=case["desk"], now=later,
    )
    client.force_login(case["desk"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("disputes:detail", args=[dispute.pk])).content.decode()
    assert f'<form method="post" action="{reverse("disputes:dossier", args=[dispute.pk])}"' in page and "Make the dispute dossier (PDF)" in page
    job = job_queue(client, reverse("disputes:dossier", args=[dispute.pk]), django_capture_on_commit_callbacks)
    assert job.kind == DISPUTE_DOSSIER and job.params == {"pk": dispute.pk}
    built, steps = job_build(job, monkeypatch)
    assert built.status == GeneratedFile.Status.DONE and built.progress == 100 and steps == [(1, 3), (2, 3)]
    text = pdf_text(job_download(client, built))  # downloaded by an officer reading the portal in English
    for expected in (
        "BERKAS SENGKETA INFORMASI PUBLIK",
        "Kronologi",
        "4 Mei 2026",  # the request received
        "8 Mei 2026",  # the refusal notice
        "0007/PPID-TOLAK/V/2026",
        "pasal 17 huruf",
        "Membuka dokumen penawaran merugikan persaingan usaha",  # harm test
        "Kepentingan publik tidak lebih besar",  # public-interest test
        "Rapat sepakat dokumen penawaran dikecualikan",  # meeting minutes
        "Informasi ini menyangkut anggaran publik",  # the objection
        "Atasan PPID menguatkan keputusan PPID",  # the answer
        "Drs. Bambang Wijaya",
        "1 September 2026",  # the dispute's last filing day
        "tepat waktu",
        "045/REG-PSI/IX/2026",  # the registration
        "22 September 2026",  # the hearing, in the chronology and its minutes
        "Kewenangan dan kedudukan hukum diperiksa",
        "Penyelesaian sengketa oleh Komisi Informasi",  # the 100 working days
    ):
        assert expected in text, expected
    objection_job = job_queue(client, reverse("disputes:objection-dossier", args=[case["objection"].pk]), django_capture_on_commit_callbacks)
    assert objection_job.kind == OBJECTION_DOSSIER
    built, _steps = job_build(objection_job, monkeypatch)
    assert "Atasan PPID menguatkan" in pdf_text(job_download(client, built))


def test_an_old_link_to_the_dossier_asks_first_and_the_queue_offers_a_button(client, case):
    client.force_login(case["desk"])
    url = reverse("disputes:objection-dossier", args=[case["objection"].pk])
    page = client.get(url).content.decode()
    assert "Buat berkas" in page and f'href="{reverse("disputes:queue")}"' in page and not GeneratedFile.objects.exists()
    assert f'<form method="post" action="{url}" class="d-inline">' in client.get(reverse("disputes:queue")).content.decode()


def test_only_viewers_of_the_case_start_the_dossier_and_only_its_owner_downloads_it(
    client, case, office, make_user, generated_files_private, django_capture_on_commit_callbacks, monkeypatch  # noqa: F811
):
    url = reverse("disputes:objection-dossier", args=[case["objection"].pk])
    client.force_login(case["desk"])
    built, _steps = job_build(job_queue(client, url, django_capture_on_commit_callbacks), monkeypatch)
    download = reverse("generated-file-download", args=[built.pk])
    for user, status in (
        (case["objection"].requester.user, 403),  # a requester, even the objection's own
        (make_user("desk_officer", unit=office["main"]), 403),  # no dispute role
        (make_user("dispute_desk", unit=office["health"]), 404),  # another unit's desk: not in their scope
    ):
        client.force_login(user)
        assert client.post(url).status_code == status
        assert client.get(download).status_code == 404
    client.force_login(case["ppid"])  # may see the case, but the file is the desk officer's
    assert client.get(download).status_code == 404
    assert GeneratedFile.objects.count() == 1


def test_an_office_group_that_only_handles_disputes_may_make_and_download_the_dossier(
    client, case, office, make_user, generated_files_private, django_capture_on_commit_callbacks, monkeypatch  # noqa: F811
):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Tim sengketa kantor")
    group.permissions.add(Permission.objects.get(codename="handle_dispute", content_type__app_label="objections"))
    officer = make_user("desk_officer", unit=office["main"])  # a desk officer also in the office's own group
    officer.groups.add(group)
    assert not officer.has_perm("objections.view_dispute")
    client.force_login(officer)
    url = reverse("disputes:objection-dossier", args=[case["objection"].pk])
    built, _steps = job_build(job_queue(client, url, django_capture_on_commit_callbacks), monkeypatch)
    assert built.status == GeneratedFile.Status.DONE
    assert job_download(client, built).startswith(b"%PDF")


def test_the_builder_asks_again_a_desk_officer_moved_to_another_unit_gets_nothing(
    client, case, office, generated_files_private, django_capture_on_commit_callbacks, monkeypatch  # noqa: F811
):
    client.force_login(case["desk"])
    job = job_queue(client, reverse("disputes:objection-dossier", args=[case["objection"].pk]), django_capture_on_commit_callbacks)
    case["desk"].unit = office["health"]
    case["desk"].save(update_fields=["unit"])
    built, steps = job_build(job, monkeypatch)
    assert built.status == GeneratedFile.Status.FAILED and not built.file and steps == []


def test_the_requester_panel_shows_the_window_and_the_button_then_the_dispute(rf, case):
    from django.template import Context, Template

    objection = case["objection"]
    request = rf.get("/")
    request.user = objection.requester.user
    template = Template("{% load dispute_panel %}{% requester_dispute_panel objection %}")
    html = template.render(Context({"request": request, "objection": objection}))
    assert "1 September 2026" in html and reverse("disputes:escalate", args=[objection.pk]) in html
    disputes.dispute_escalate(objection_id=objection.pk, actor=objection.requester.user, now=dt.datetime(2026, 8, 20, 10, tzinfo=WIB))
    html = template.render(Context({"request": request, "objection": objection}))
    assert "Sengketa diajukan pada" in html and reverse("disputes:escalate", args=[objection.pk]) not in html


def test_the_queue_offers_recording_a_dispute_to_the_desk_only(client, case, office):
    url = reverse("disputes:open", args=[case["objection"].pk])
    client.force_login(case["ppid"])
    page = client.get(reverse("disputes:queue")).content.decode()
    assert str(case["objection"]) in page and url not in page
    client.force_login(case["desk"])
    assert url in client.get(reverse("disputes:queue")).content.decode()
    # More eligible objections: the same number of queries.
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("disputes:queue"))
    for _ in range(3):
        request = InformationRequestFactory(unit=office["main"])
        make_objection(request, submitted_at=dt.datetime(2026, 7, 1, 10, tzinfo=WIB))  # no answer by its due date: the window runs
    with CaptureQueriesContext(connection) as second:
        page = client.get(reverse("disputes:queue")).content.decode()
    assert page.count(">Catat sengketa<") == 4 and len(second) == len(first)
