"""A service that fails after storing a file leaves nothing in private storage; one that succeeds keeps its files."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from requests.models import Decision, Delivery, Material, Notice
from requests.services import mail as mail_services
from requests.services import decision, extension, files, forwarding as forwarding_services, fulfilment, notices, review as review_services
from tests.requests.processing_helpers import (  # noqa: F401 (fixtures: fast_password_hashing, private_media)
    NEXT_DAY,
    exempt_review,
    fast_password_hashing,
    make_request,
    pdf_upload,
    private_media,
    staff,
)

pytestmark = pytest.mark.django_db


class Boom(RuntimeError):
    pass


def stored_files(location):
    return sorted(p.relative_to(location).as_posix() for p in location.rglob("*") if p.is_file()) if location.exists() else []


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def then_fail(monkeypatch, module, name):
    """Let ``module.name`` run (and store its file), then fail: a later step of the service going wrong."""
    real = getattr(module, name)

    def run_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise Boom("a later step failed")

    monkeypatch.setattr(module, name, run_then_fail)


def test_a_decision_that_fails_after_its_pdf_is_stored_leaves_no_file(office, people, private_media, monkeypatch):
    request = make_request()
    then_fail(monkeypatch, notices, "record_event")
    with pytest.raises(Boom):
        decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    assert not Notice.objects.exists()
    assert stored_files(private_media) == []


def test_an_extension_that_fails_after_its_pdf_is_stored_leaves_no_file(office, people, private_media, monkeypatch):
    request = make_request()
    then_fail(monkeypatch, notices, "record_event")
    with pytest.raises(Boom):
        extension.request_extend(request_id=request.pk, reason="Arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    assert stored_files(private_media) == []


def test_a_handover_that_fails_after_the_berita_acara_and_files_are_stored_leaves_no_file(office, people, private_media, monkeypatch):
    request = make_request()
    decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Data", actor=people["ppid"], now=NEXT_DAY)
    kept = stored_files(private_media)
    assert len(kept) == 1  # the notice, committed with the decision
    then_fail(monkeypatch, notices, "handover_store")
    with pytest.raises(Boom):
        fulfilment.request_fulfil(
            request_id=request.pk, method="pick_up", recipient_name="Budi", files=[pdf_upload("a.pdf"), pdf_upload("b.pdf")],
            actor=people["desk"], now=NEXT_DAY,
        )
    assert not Delivery.objects.exists() and not Material.objects.exists()
    assert stored_files(private_media) == kept


def test_a_desk_grant_that_fails_after_storing_leaves_no_file(office, people, private_media, monkeypatch):
    from tests.requests.processing_helpers import dip_item

    request = make_request(dip_item=dip_item(office, category="setiap_saat", title="Profil dinas"))
    then_fail(monkeypatch, notices, "handover_store")
    with pytest.raises(Boom):
        fulfilment.request_grant_at_desk(
            request_id=request.pk, material="Profil dinas", recipient_name="Budi", files=[pdf_upload()], actor=people["desk"], now=NEXT_DAY
        )
    assert not Notice.objects.exists()
    assert stored_files(private_media) == []


def test_a_unit_return_whose_second_file_fails_leaves_neither_file(office, people, private_media, monkeypatch):
    request = make_request()
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
    real = Material.save
    calls = []

    def save_twice_then_fail(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise Boom("disk full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Material, "save", save_twice_then_fail)
    with pytest.raises(Boom):
        forwarding_services.forwarding_return(
            forwarding_id=forwarding.pk, note="", files=[pdf_upload("a.pdf"), pdf_upload("b.pdf")], actor=people["health"], now=NEXT_DAY
        )
    assert not Material.objects.exists()
    assert stored_files(private_media) == []


def test_meeting_minutes_of_a_refused_meeting_leave_no_file(office, people, private_media, monkeypatch):
    import datetime as dt

    request = make_request()
    then_fail(monkeypatch, review_services, "review_started")
    with pytest.raises(Boom):
        review_services.meeting_record(
            request_id=request.pk, held_on=dt.date(2026, 3, 12), attendees="PPID", summary="Rapat", minutes=pdf_upload(),
            actor=people["ppid"], now=NEXT_DAY,
        )
    assert stored_files(private_media) == []


def test_a_refused_upload_stores_nothing_and_a_successful_service_keeps_its_files(office, people, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = make_request()
    decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Data", actor=people["ppid"], now=NEXT_DAY)
    with pytest.raises(ValidationError):
        fulfilment.request_fulfil(
            request_id=request.pk, method="download", files=[SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/pdf")],
            actor=people["desk"], now=NEXT_DAY,
        )
    assert len(stored_files(private_media)) == 1
    delivery = fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="Budi", files=[pdf_upload()], actor=people["desk"], now=NEXT_DAY)
    assert delivery.handover_pdf.name in stored_files(private_media)
    assert len(stored_files(private_media)) == 3


@pytest.mark.django_db(transaction=True)
def test_a_failure_after_commit_does_not_delete_the_committed_notice(office, make_user, private_media, monkeypatch, settings):
    """The email goes out after commit; if sending blows up there, the notice and its PDF stand and
    the officer's action succeeds (the failure is logged, the requester can still download it)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people = staff(office, make_user)
    request = make_request()

    def send_fails(*args, **kwargs):
        raise Boom("mail server down")

    monkeypatch.setattr(mail_services, "notice_attachment", send_fails)
    returned = decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    notice = Notice.objects.get()
    assert returned == notice
    assert stored_files(private_media) == [notice.pdf.name]
    assert not mail.outbox


def test_material_store_alone_deletes_its_file_when_the_row_cannot_be_saved(office, private_media, monkeypatch):
    request = make_request()
    monkeypatch.setattr(Material, "save", lambda self, *a, **k: (_ for _ in ()).throw(Boom("disk full")))
    with pytest.raises(Boom):
        files.material_store(request=request, kind=Material.Kind.INFORMATION, upload=pdf_upload(), actor=None)
    assert stored_files(private_media) == []
