"""Submitted twice: the same information sent again soon shows the existing request; a second one is
created only when the requester confirms, and the PPID sees the duplicate on the processing page."""

import datetime as dt

import pytest
from django.urls import reverse

from requests.models import InformationRequest
from requests.services.intake import SameRequestSubmitted, request_submit_online
from tests.registry.factories import RequesterFactory
from tests.requests.processing_helpers import RECEIVED, staff

pytestmark = pytest.mark.django_db

CONTENT = {
    "information_wanted": "Rekapitulasi pengaduan layanan air bersih 2025",
    "purpose": "Advokasi warga",
    "obtain_method": "soft_copy",
    "delivery_method": "email",
}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def submit(requester, *, token, now, **overrides):
    return request_submit_online(requester=requester, user=requester.user, idempotency_key=token, now=now, **{**CONTENT, **overrides})


def test_the_same_information_again_soon_shows_the_existing_request(office):
    requester = RequesterFactory()
    first = submit(requester, token="form-1", now=RECEIVED)
    with pytest.raises(SameRequestSubmitted) as same:
        submit(requester, token="form-2", now=RECEIVED + dt.timedelta(minutes=3),
               information_wanted="  rekapitulasi Pengaduan layanan AIR BERSIH, 2025. ")
    assert same.value.existing == first
    assert InformationRequest.objects.count() == 1


def test_a_confirmed_second_request_is_created_and_logged_as_such(office):
    requester = RequesterFactory()
    first = submit(requester, token="form-1", now=RECEIVED)
    second = submit(requester, token="form-2", now=RECEIVED + dt.timedelta(minutes=3), confirm_resubmission=True)
    assert second.pk != first.pk and second.register_number != first.register_number
    event = second.events.get(action="received")
    assert event.data["confirmed_resubmission_of"] == first.pk and event.data["possible_duplicates"] == [first.pk]


def test_the_same_form_sent_twice_returns_the_first_request_without_asking(office):
    requester = RequesterFactory()
    first = submit(requester, token="form-1", now=RECEIVED)
    assert submit(requester, token="form-1", now=RECEIVED + dt.timedelta(seconds=5)) == first


@pytest.mark.parametrize(
    "later,overrides",
    [
        (dt.timedelta(hours=25), {}),
        (dt.timedelta(minutes=3), {"information_wanted": "Rekapitulasi pengaduan layanan air bersih 2024"}),
    ],
    ids=["a-day-later", "other-information"],
)
def test_other_information_or_a_day_later_is_a_new_request(office, later, overrides):
    requester = RequesterFactory()
    submit(requester, token="form-1", now=RECEIVED)
    submit(requester, token="form-2", now=RECEIVED + later, **overrides)
    assert InformationRequest.objects.count() == 2


def test_another_requester_asking_the_same_is_not_asked(office):
    submit(RequesterFactory(), token="form-1", now=RECEIVED)
    submit(RequesterFactory(), token="form-2", now=RECEIVED + dt.timedelta(minutes=1))
    assert InformationRequest.objects.count() == 2


def test_a_withdrawn_request_does_not_stand_in_the_way(office):
    from requests.services.lifecycle import request_withdraw

    requester = RequesterFactory()
    first = submit(requester, token="form-1", now=RECEIVED)
    request_withdraw(request_id=first.pk, reason="", actor=requester.user, now=RECEIVED + dt.timedelta(minutes=1))
    submit(requester, token="form-2", now=RECEIVED + dt.timedelta(minutes=2))
    assert InformationRequest.objects.count() == 2


# -- the form ---------------------------------------------------------------------------------------
def post(client, token, **extra):
    return client.post(reverse("requests:submit"), {**CONTENT, "form_token": token, **extra})


def test_the_form_shows_the_existing_request_and_offers_to_confirm(client, office):
    requester = RequesterFactory()
    client.force_login(requester.user)
    post(client, "form-1")
    first = InformationRequest.objects.get()
    response = post(client, "form-2")
    page = response.content.decode()
    assert response.status_code == 200 and InformationRequest.objects.count() == 1
    assert 'id="permohonan-sama"' in page and first.register_number in page
    assert reverse("requests:mine-detail", args=[first.pk]) in page and 'name="confirm_resubmission"' in page
    assert 'value="form-2"' in page  # the data stays in the form, so confirming is one click

    response = post(client, "form-2", confirm_resubmission="1")
    second = InformationRequest.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("requests:mine-detail", args=[second.pk])


def test_the_ppid_sees_the_duplicate_on_the_processing_page(client, office, make_user):
    people = staff(office, make_user)
    requester = RequesterFactory()
    first = submit(requester, token="form-1", now=RECEIVED)
    second = submit(requester, token="form-2", now=RECEIVED + dt.timedelta(minutes=3), confirm_resubmission=True)
    client.force_login(people["ppid"])
    page = client.get(reverse("requests:processing-detail", args=[second.pk])).content.decode()
    box = page[page.index('id="kemungkinan-ganda"'):]
    assert first.register_number in box and reverse("requests:processing-detail", args=[first.pk]) in box
    assert "menyatakan tetap mengajukan permohonan kedua" in box
