"""Guided journeys: the requester's next step, and the timeline of a request's stages."""

import datetime as dt

import pytest
from django.urls import reverse

from registry.models import Requester
from requests.models import Decision, InformationRequest
from requests.selectors_guidance import request_timeline, requester_next_step
from requests.services.decision import request_decide
from requests.services.lifecycle import request_withdraw
from tests.registry.factories import RequesterFactory, document_add
from tests.requests.processing_helpers import DUE, NEXT_DAY, RECEIVED, exempt_review, make_request, staff

pytestmark = pytest.mark.django_db
Verification = Requester.Verification


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


# -- the next step ----------------------------------------------------------------------------------
def test_a_new_person_is_asked_to_upload_their_ktp(office):
    step = requester_next_step(requester=RequesterFactory(verification_status=Verification.UNVERIFIED))
    assert (step.key, step.title, step.url) == ("upload_identity", "Unggah KTP", reverse("registry:document-upload"))


def test_a_legal_entity_is_asked_for_every_missing_document(office):
    entity = RequesterFactory(kind=Requester.Kind.LEGAL_ENTITY, entity_name="PT Contoh", verification_status=Verification.UNVERIFIED)
    step = requester_next_step(requester=entity)
    assert step.key == "upload_identity" and step.title == "Unggah dokumen identitas" and "Akta" in step.text


def test_complete_documents_lead_to_asking_for_verification(office):
    requester = RequesterFactory(verification_status=Verification.UNVERIFIED)
    document_add(requester)
    step = requester_next_step(requester=requester)
    assert (step.key, step.url) == ("submit_verification", reverse("registry:verification-submit"))


@pytest.mark.parametrize(
    "status,key",
    [(Verification.PENDING, "await_verification"), (Verification.REJECTED, "fix_identity"), (Verification.VERIFIED, "submit_request")],
)
def test_the_next_step_follows_the_verification_state(office, status, key):
    assert requester_next_step(requester=RequesterFactory(verification_status=status)).key == key


def test_the_start_page_shows_the_next_step_with_its_link(client, office):
    requester = RequesterFactory(verification_status=Verification.UNVERIFIED)
    client.force_login(requester.user)
    page = client.get(reverse("requests:mine")).content.decode()
    assert 'data-next-step="upload_identity"' in page and f'href="{reverse("registry:document-upload")}"' in page


def test_the_unverified_alert_on_the_request_form_links_to_the_upload_page(client, office):
    requester = RequesterFactory(verification_status=Verification.UNVERIFIED)
    client.force_login(requester.user)
    page = client.get(reverse("requests:submit")).content.decode()
    alert = page[page.index('id="belum-terverifikasi"'):]
    alert = alert[: alert.index("</div>")]
    assert f'href="{reverse("registry:document-upload")}"' in alert and "Unggah KTP" in alert


# -- the timeline -----------------------------------------------------------------------------------
def steps(request, now=NEXT_DAY):
    return {step.key: step for step in request_timeline(request=request, now=now)}


def test_a_registered_request_shows_what_is_done_and_when_the_notice_is_due(office):
    request = make_request()
    timeline = steps(request)
    assert list(timeline) == ["received", "registered", "notice", "closed"]
    assert timeline["received"].state == timeline["registered"].state == "done"
    notice = timeline["notice"]
    assert notice.state == "current" and notice.due == DUE and notice.remaining_working_days is not None
    assert timeline["closed"].state == "upcoming"


def test_an_overdue_notice_is_shown_late(office):
    request = make_request()
    assert steps(request, now=RECEIVED + dt.timedelta(days=30))["notice"].state == "late"


def test_a_refusal_shows_the_notice_done_and_the_objection_window(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"])
    request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    request.refresh_from_db()
    timeline = steps(request)
    assert timeline["notice"].state == "done" and timeline["notice"].done_at == request.decided_at
    assert "delivered" not in timeline
    objection = timeline["objection"]
    assert objection.state == "current" and objection.due is not None


def test_a_grant_waits_for_the_handover(office, people):
    request = make_request()
    request_decide(
        request_id=request.pk, decision=Decision.GRANTED, actor=people["ppid"], now=NEXT_DAY, material="Laporan realisasi anggaran 2025"
    )
    request.refresh_from_db()
    assert steps(request)["delivered"].state == "current"


def test_a_withdrawn_request_ends_with_its_withdrawal(office):
    request = make_request()
    request_withdraw(request_id=request.pk, reason="", actor=request.requester.user, now=NEXT_DAY)
    request.refresh_from_db()
    timeline = steps(request)
    assert "closed" not in timeline and timeline["withdrawn"].state == "done"
    assert timeline["notice"].state == "upcoming"


def test_an_incomplete_request_says_how_to_complete_it(office):
    request = make_request(register_number=None, completed_at=None, status=InformationRequest.Status.INCOMPLETE)
    timeline = steps(request)
    assert timeline["registered"].state == "current" and "meja layanan" in timeline["registered"].note
    assert "notice" not in timeline


def test_the_requesters_page_shows_the_timeline_in_long_dates(client, office):
    request = make_request()
    client.force_login(request.requester.user)
    page = client.get(reverse("requests:mine-detail", args=[request.pk])).content.decode()
    assert 'id="tahapan-permohonan"' in page and "Rabu, 1 April 2026" in page and "Pemberitahuan tertulis dari PPID" in page
