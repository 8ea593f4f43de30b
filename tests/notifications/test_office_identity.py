"""Emails and the authenticator app name the office as its settings in the admin say (ppid.office), not the deployment default."""

import datetime as dt

import pytest
from django.conf import settings

from objections.services import answer as answer_services
from ppid.models import OfficeSettings
from tests.objections.helpers import at, decided_request, file_online
from tests.requests.processing_helpers import fast_password_hashing, staff  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db
NAME = "PPID Kota Uji Identitas"


@pytest.fixture
def renamed(db):
    OfficeSettings.objects.update_or_create(pk=1, defaults={"ppid_name": NAME})


def test_a_requester_email_is_signed_with_the_office_identity(office, make_user, renamed, mailoutbox, django_capture_on_commit_callbacks):
    people = staff(office, make_user)
    request, _notice = decided_request(people)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
        answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10))
    assert mailoutbox and all(NAME in message.body for message in mailoutbox)
    assert settings.PPID_OFFICE_NAME not in mailoutbox[-1].body


def test_the_totp_issuer_is_the_office_identity(renamed, make_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=make_user(), name="x", confirmed=False)
    assert "issuer=PPID%20Kota%20Uji%20Identitas" in device.config_url
