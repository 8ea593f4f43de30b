"""An honest event log and documents in Indonesian: an event says what happened, after it happened; system
details are stored as codes and put into words when read; letters never follow the officer's language."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from requests.events import RequestAction, action_label, event_detail
from requests.models import Decision
from requests.selectors_processing import request_events
from requests.services import decision, extension, lifecycle
from tests.requests.processing_helpers import (  # noqa: F401 (autouse fixtures)
    NEXT_DAY,
    WIB,
    exempt_review,
    fast_password_hashing,
    make_request,
    pdf_text,
    private_media,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failed_notice_email_is_logged_as_failed_on_every_try_and_never_as_sent(office, people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.requests.test_event_log.BrokenBackend"
    request = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        notice = decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    failed = list(request.events.filter(action=RequestAction.NOTICE_EMAIL_FAILED))
    assert len(failed) == 4  # the first try and three retries
    assert [e.data["final"] for e in failed] == [False, False, False, True]
    assert all(e.data["notice"] == notice.pk and e.data["error"] == "ConnectionRefusedError" for e in failed)
    assert not request.events.filter(action=RequestAction.NOTICE_EMAILED).exists()


def test_a_notice_to_a_requester_without_email_is_logged_as_skipped(office, people, django_capture_on_commit_callbacks):
    request = make_request()
    request.requester.email = ""
    request.requester.save()
    request.requester.user.email = None
    request.requester.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    assert request.events.filter(action=RequestAction.NOTICE_EMAIL_SKIPPED).count() == 1
    assert not request.events.filter(action__in=(RequestAction.NOTICE_EMAILED, RequestAction.NOTICE_EMAIL_FAILED)).exists()


def test_a_sent_notice_is_logged_once_after_it_was_sent(office, people, django_capture_on_commit_callbacks):
    request = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    assert len(mail.outbox) == 1
    assert request.events.get(action=RequestAction.NOTICE_EMAILED).data["to"] == request.requester.email


def test_closing_records_the_moment_passed_in(office, people):
    request = make_request()
    decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    closed_at = dt.datetime(2026, 3, 13, 14, tzinfo=WIB)
    lifecycle.request_close(request_id=request.pk, actor=people["desk"], now=closed_at)
    request.refresh_from_db()
    assert request.closed_at == closed_at


def test_an_officer_reading_english_issues_an_indonesian_notice_and_stores_no_translated_note(office, people):
    request = make_request()
    with translation.override("en"):
        notice = extension.request_extend(request_id=request.pk, reason="Arsip inaktif di gudang", actor=people["ppid"], now=NEXT_DAY)
        refused = make_request()
        exempt_review(refused, people["reviewer"])
        refusal = decision.request_decide(request_id=refused.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    extension_text, refusal_text = pdf_text(notice.pdf), pdf_text(refusal.pdf)
    assert "PEMBERITAHUAN PERPANJANGAN" in extension_text.upper() and "NOTICE" not in extension_text.upper()
    assert "keberatan" in refusal_text and "objection" not in refusal_text.lower()
    for event in request.events.all():
        assert event.note in ("", "Arsip inaktif di gudang"), event.action
    changed = request.events.get(action=RequestAction.DEADLINE_CHANGED)
    assert changed.note == "" and changed.data["reason"] == "extension"


def test_event_details_are_put_into_words_in_the_readers_language(office, people):
    request = make_request()
    extension.request_extend(request_id=request.pk, reason="Arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    changed = request.events.get(action=RequestAction.DEADLINE_CHANGED)
    with translation.override("id"):
        assert event_detail(changed.action, changed.data) == "perpanjangan waktu"
        assert action_label("extended") == "Jangka waktu diperpanjang"
    with translation.override("en"):
        assert event_detail(changed.action, changed.data) != "perpanjangan waktu"
        assert action_label("extended") != "Jangka waktu diperpanjang"


def test_the_history_shows_labels_never_raw_codes(client, office, people):
    request = make_request()
    exempt_review(request, people["reviewer"])
    client.force_login(people["ppid"])
    page = client.get(reverse("requests:processing-detail", args=[request.pk])).content.decode()
    history = page.split('id="riwayat"', 1)[1]
    for event in request_events(request=request):
        assert event.label != event.action
        assert f"<td>{event.action}" not in history
