"""Requester notifications: after commit only, in Indonesian with the link and the documents, the email
preference respected, listed on the requester's page, each told once; failures retried then shown."""

import datetime as dt
import io

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from notifications.models import FailedEmail, Notification, OutgoingEmail
from notifications.outbox import email_send, email_send_again
from ppid.notify import requester_notify
from registry.services.verification import requester_verification_reject
from requests.events import RequestAction
from requests.models import Decision, DeliveryMethod, ObtainMethod
from requests.services import decision, extension, forwarding, intake
from tests.registry.factories import RequesterFactory
from tests.requests.processing_helpers import NEXT_DAY, WIB, fast_password_hashing, make_request, private_media, staff  # noqa: F401

pytestmark = pytest.mark.django_db
SUBMITTED = dt.datetime(2026, 3, 11, 10, tzinfo=WIB)


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def submit(requester, key="k1"):
    return intake.request_submit_online(
        requester=requester,
        user=requester.user,
        information_wanted="Laporan realisasi anggaran dinas kesehatan 2025",
        purpose="Penelitian",
        obtain_method=ObtainMethod.SOFT_COPY,
        delivery_method=DeliveryMethod.EMAIL,
        idempotency_key=key,
        now=SUBMITTED,
    )


def test_a_received_request_is_told_in_indonesian_with_the_receipt_and_the_link(office, mailoutbox, django_capture_on_commit_callbacks):
    requester = RequesterFactory()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        request = submit(requester)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [requester.email]
    assert message.subject == f"Permohonan informasi Anda diterima: nomor {request.register_number}"
    assert "paling lambat Rabu, 1 April 2026" in message.body
    assert f"/permohonan/saya/{request.pk}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and name.startswith("tanda-bukti-")
    assert request.register_number in " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    event = request.events.get(action=RequestAction.NOTIFICATION_EMAILED)
    assert event.data["to"] == requester.email and event.data["kind"] == "request_received"


def test_nothing_is_told_when_the_surrounding_transaction_rolls_back(office, mailoutbox, django_capture_on_commit_callbacks):
    requester = RequesterFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            submit(requester)
            raise RuntimeError("the officer's next step failed")
    assert not callbacks and not mailoutbox
    assert not Notification.objects.exists() and not OutgoingEmail.objects.exists()


def test_email_off_keeps_the_notification_on_the_requester_page(office, client, mailoutbox, django_capture_on_commit_callbacks):
    requester = RequesterFactory(email_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(requester)
    assert not mailoutbox
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.SKIPPED and email.skip_reason == "preference"
    assert request.events.filter(action=RequestAction.NOTIFICATION_EMAIL_SKIPPED).count() == 1
    assert not request.events.filter(action=RequestAction.NOTIFICATION_EMAILED).exists()
    client.force_login(requester.user)
    page = client.get(reverse("notifications:mine")).content.decode()
    assert "Permohonan diterima" in page and "Belum dibaca" in page
    notification = Notification.objects.get()
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_requester_cannot_mark_my_notification(office, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(RequesterFactory())
    other = RequesterFactory()
    client.force_login(other.user)
    assert client.post(reverse("notifications:read", args=[Notification.objects.get().pk])).status_code == 404


def test_every_request_stage_tells_the_requester_once(office, people, mailoutbox, django_capture_on_commit_callbacks, private_media):
    request = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        forwarding.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
        extension.request_extend(request_id=request.pk, reason="Arsip di gudang", actor=people["ppid"], now=NEXT_DAY)
        decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    kinds = list(Notification.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["request_forwarded", "request_extended", "request_decided"]
    assert [m.subject.split()[0] for m in mailoutbox] == ["Permohonan", "Perpanjangan", "Pemberitahuan"]
    assert "Dinas Kesehatan" in mailoutbox[0].body
    assert mailoutbox[1].attachments and mailoutbox[2].attachments[0][2] == "application/pdf"
    assert request.events.filter(action=RequestAction.NOTICE_EMAILED).count() == 2


def test_the_same_event_emitted_twice_is_recorded_once(office, mailoutbox, django_capture_on_commit_callbacks):
    requester = RequesterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            requester_notify(kind="identity_verified", item_type="requester", item_id=requester.pk, requester_id=requester.pk, key="v:1")
    assert Notification.objects.count() == 1 and len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Identitas Anda telah diverifikasi"


def test_a_rejected_identity_is_told_with_the_reason(office, make_user, mailoutbox, django_capture_on_commit_callbacks):
    requester = RequesterFactory(verification_status="pending")
    verifier = make_user("verifier")
    with django_capture_on_commit_callbacks(execute=True):
        requester_verification_reject(requester=requester, verifier=verifier, reason="Foto KTP buram")
    assert mailoutbox[0].subject == "Verifikasi identitas Anda ditolak"
    assert "Foto KTP buram" in mailoutbox[0].body


def test_a_failing_mail_server_is_retried_then_shown_as_failed_and_sent_again(office, settings, admin_client, mailoutbox, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.notifications.test_requester.BrokenBackend"
    requester = RequesterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(requester)
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.FAILED and email.attempts == 4  # the first try and three retries
    failed = list(request.events.filter(action=RequestAction.NOTIFICATION_EMAIL_FAILED).values_list("data__final", flat=True))
    assert failed == [False, False, False, True]
    assert not request.events.filter(action=RequestAction.NOTIFICATION_EMAILED).exists()
    page = admin_client.get(reverse("admin:notifications_failedemail_changelist")).content.decode()
    assert requester.email in page and "ConnectionRefusedError" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:notifications_failedemail_changelist"), {"action": "_send_again", "_selected_action": [email.pk]}
        )
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and len(mailoutbox) == 1
    assert not FailedEmail.objects.exists()
    assert email_send_again(email_id=email.pk, actor=None, now=NEXT_DAY) is False  # a sent one is never sent again


def test_a_message_claimed_by_another_worker_or_interrupted_is_never_sent_twice(office, mailoutbox, django_capture_on_commit_callbacks):
    requester = RequesterFactory()
    with django_capture_on_commit_callbacks(execute=False):
        submit(requester)
    email = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENDING, claimed_at=SUBMITTED)
    assert email_send(email_id=email.pk) == OutgoingEmail.Status.SENDING
    assert not mailoutbox
    assert FailedEmail.objects.filter(pk=email.pk).exists()  # interrupted long ago: an administrator decides


def test_the_admin_page_shows_the_schedule_and_the_last_sweep(office, admin_client):
    from notifications.sweep import deadline_sweep

    deadline_sweep(now=SUBMITTED, trigger="command")
    page = admin_client.get(reverse("admin:notifications_sweeprun_changelist")).content.decode()
    assert "notifications.tasks.deadline_sweep_task" in page and "7:00" in page
    assert "Penyisiran terakhir" in page and "berkas diperiksa" in page


def test_the_requester_page_costs_the_same_queries_for_one_notification_or_many(office, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    requester = RequesterFactory()
    client.force_login(requester.user)

    def add(count):
        for n in range(count):
            requester_notify(kind="request_forwarded", item_type="request", item_id=1000 + Notification.objects.count(), requester_id=requester.pk, key=f"f:{n}:{Notification.objects.count()}", data={"unit_name": "Dinas"})

    add(1)
    client.get(reverse("notifications:mine"))  # the first page loads the process's configuration snapshot
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("notifications:mine")).status_code == 200
    add(20)
    with django_assert_num_queries(len(one)):
        assert client.get(reverse("notifications:mine")).status_code == 200
