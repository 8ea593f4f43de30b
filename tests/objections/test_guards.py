"""One guard per transition: the page offers exactly what the guard allows, the POST enforces the same
guard (403 for a role, 409 with the reason for the state); hostile input on the Atasan's forms saves nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from objections.models import AdvisoryOpinion, Answer, Objection
from objections.services.actions import ATASAN_ACTIONS, REQUESTER_ACTIONS
from objections.services import answer as answer_services
from ppid.rules import actions_available
from tests.objections.helpers import at, decided_request, file_online
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2026, 3, 26), 10)


@pytest.fixture
def frozen(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


def _objection_in(status, people):
    request, _ = decided_request(people)
    objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    if status in ("in_review", "answered", "closed"):
        answer_services.opinion_record(objection_id=objection.pk, question="?", actor=people["atasan"], now=at(dt.date(2026, 3, 20), 10))
    if status in ("answered", "closed"):
        answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 23), 10))
    if status == "closed":
        answer_services.objection_accept(objection_id=objection.pk, actor=request.requester.user, now=at(dt.date(2026, 3, 24), 10))
    return Objection.objects.get(pk=objection.pk)


@pytest.mark.parametrize("status", ["registered", "in_review", "answered", "closed"])
def test_pages_offer_exactly_what_the_guards_allow_and_posts_enforce_them(client, people, status, frozen):
    objection = _objection_in(status, people)
    owner = objection.requester.user
    stranger = RequesterFactory().user
    actors = {"atasan": people["atasan"], "ppid": people["ppid"], "desk": people["desk"], "owner": owner, "stranger": stranger}
    for name, actor in actors.items():
        for actions in (ATASAN_ACTIONS, REQUESTER_ACTIONS):
            offered = {a.name for a in actions_available(actions, actor=actor, obj=objection, now=NOW)}
            allowed = {a.name for a in actions if a.guard(actor, objection, NOW).allowed}
            assert offered == allowed
            client.force_login(actor)
            for action in actions:
                verdict = action.guard(actor, objection, NOW)
                response = client.post(action.url(objection), {})
                if verdict.allowed:
                    assert response.status_code in (200, 302, 400), (name, action.name)
                elif verdict.forbidden:
                    assert response.status_code in (403, 404), (name, action.name, response.status_code)
                else:
                    assert response.status_code == 409, (name, action.name)
                    assert str(verdict.reason)[:30] in response.content.decode()
    expected_atasan = {"registered": {"opinion", "answer"}, "in_review": {"opinion", "answer"}, "answered": set(), "closed": set()}[status]
    assert {a.name for a in actions_available(ATASAN_ACTIONS, actor=people["atasan"], obj=objection, now=NOW)} == expected_atasan
    assert bool(actions_available(REQUESTER_ACTIONS, actor=owner, obj=objection, now=NOW)) == (status == "answered")


@pytest.mark.parametrize("text", ["Budi\x00Santoso", "Jl. Merdeka\x1b[31m 1\x07", "x" * 1_000_000])
def test_hostile_strings_on_the_atasan_forms_save_nothing(client, people, frozen, text):
    objection = _objection_in("registered", people)
    client.force_login(people["atasan"])
    answer = client.post(reverse("objections:answer", args=[objection.pk]), {"outcome": "rejected", "body": text, "order_to_ppid": text})
    opinion = client.post(reverse("objections:opinion", args=[objection.pk]), {"question": text, "opinion": text})
    assert (answer.status_code, opinion.status_code) == (400, 400)
    assert not Answer.objects.exists() and not AdvisoryOpinion.objects.exists()


def test_a_hostile_opinion_document_is_refused_and_leaves_no_row(client, people, frozen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    objection = _objection_in("registered", people)
    client.force_login(people["atasan"])
    upload = SimpleUploadedFile("pendapat.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(reverse("objections:opinion", args=[objection.pk]), {"question": "Apakah?", "document": upload})
    assert response.status_code == 400 and not AdvisoryOpinion.objects.exists()
    assert Objection.objects.get(pk=objection.pk).status == "registered"


def test_request_pages_offer_filing_exactly_when_the_guard_allows(client, people, frozen):
    from objections.services.actions import FILE_AT_DESK_ACTION, FILE_ONLINE_ACTION
    from objections.services.filing import file_guard
    from tests.objections.helpers import make_request

    refused, _ = decided_request(people)
    awaiting = make_request()
    for request in (refused, awaiting):
        owner = request.requester.user
        for actor, action, page in (
            (owner, FILE_ONLINE_ACTION, reverse("requests:my-request-processing", args=[request.pk])),
            (people["desk"], FILE_AT_DESK_ACTION, reverse("requests:processing-detail", args=[request.pk])),
        ):
            verdict = file_guard(actor, request, NOW)
            client.force_login(actor)
            body = client.get(page).content.decode()
            assert (action.url(request) in body) == verdict.allowed
            answer = client.get(action.url(request))
            assert answer.status_code == (200 if verdict.allowed else 409)
    assert file_guard(refused.requester.user, refused, NOW).allowed
    assert not file_guard(awaiting.requester.user, awaiting, NOW).allowed
    assert file_guard(people["ppid"], refused, NOW).forbidden
