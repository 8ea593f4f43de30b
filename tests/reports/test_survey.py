"""The satisfaction survey: offered once the request is closed, one answer per request, online or at the desk."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports.models import SatisfactionSurvey
from reports.services import survey_record
from requests.models import InformationRequest
from tests.registry.factories import RequesterFactory
from tests.reports.factories import at
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
NOW = at("2026-02-10", "10:00")


@pytest.fixture
def closed_request(office):
    return InformationRequestFactory(requester=RequesterFactory(), unit=office["main"], received_at=at("2026-01-05"),
                                     status=InformationRequest.Status.CLOSED, decision="granted")


def test_requester_answers_once_after_closing_and_a_second_answer_is_refused(client, closed_request):
    client.force_login(closed_request.requester.user)
    url = reverse("reports:survey", args=[closed_request.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"rating": "sangat_puas", "comment": "Cepat"})
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get(request=closed_request)
    assert (survey.rating, survey.source, survey.comment) == ("sangat_puas", "online", "Cepat")
    again = client.post(url, {"rating": "tidak_puas"})
    assert again.status_code == 409 and "sudah diisi" in again.content.decode()
    assert SatisfactionSurvey.objects.get(request=closed_request).rating == "sangat_puas"


def test_survey_is_not_offered_before_the_request_closes(client, office):
    request = InformationRequestFactory(requester=RequesterFactory(), unit=office["main"], received_at=at("2026-01-05"))
    client.force_login(request.requester.user)
    response = client.post(reverse("reports:survey", args=[request.pk]), {"rating": "puas"})
    assert response.status_code == 409 and "setelah permohonan selesai" in response.content.decode()
    assert not SatisfactionSurvey.objects.exists()


def test_another_requester_gets_404(client, closed_request):
    client.force_login(RequesterFactory().user)
    assert client.get(reverse("reports:survey", args=[closed_request.pk])).status_code == 404


def test_desk_officer_records_the_answer_given_on_paper_or_tablet(client, closed_request, make_user, office):
    officer = make_user("desk_officer", unit=office["main"])
    client.force_login(officer)
    response = client.post(reverse("reports:desk-survey", args=[closed_request.pk]), {"rating": "cukup_puas", "comment": ""})
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get(request=closed_request)
    assert (survey.source, survey.recorded_by) == ("desk", officer)


def test_invalid_rating_re_renders_in_indonesian_and_saves_nothing(client, closed_request):
    client.force_login(closed_request.requester.user)
    response = client.post(reverse("reports:survey", args=[closed_request.pk]), {"rating": "luar_biasa"})
    assert response.status_code == 400 and "pilihan yang valid" in response.content.decode()
    assert not SatisfactionSurvey.objects.exists()


def test_one_answer_per_request_is_a_database_constraint(closed_request):
    SatisfactionSurvey.objects.create(request=closed_request, rating="puas", source="online", answered_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        SatisfactionSurvey.objects.create(request=closed_request, rating="puas", source="desk", answered_at=NOW)


def test_service_refuses_a_second_answer(closed_request):
    from ppid.rules import TransitionRefused

    survey_record(request_id=closed_request.pk, rating="puas", comment="", actor=closed_request.requester.user, now=NOW)
    with pytest.raises(TransitionRefused):
        survey_record(request_id=closed_request.pk, rating="puas", comment="", actor=closed_request.requester.user, now=NOW)
    # One answer, one event in the request's history (the refused second one left none).
    events = closed_request.events.filter(action="survey_answered")
    assert [(event.data["rating"], event.data["source"]) for event in events] == [("puas", "online")]


def test_closed_request_page_offers_the_survey_to_its_requester(client, closed_request):
    client.force_login(closed_request.requester.user)
    html = client.get(reverse("requests:mine-detail", args=[closed_request.pk])).content.decode()
    assert reverse("reports:survey", args=[closed_request.pk]) in html


def test_printed_survey_form_reads_back_in_indonesian(client, closed_request, make_user, office):
    import io

    from pypdf import PdfReader

    client.force_login(make_user("desk_officer", unit=office["main"]))
    response = client.get(reverse("reports:desk-survey-print", args=[closed_request.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    for expected in ("Survei kepuasan layanan informasi", closed_request.register_number, "Sangat puas", "Cukup puas", "Tidak puas"):
        assert expected in text
