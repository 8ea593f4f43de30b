"""Intake pages for people: the DIP's request link fills the form, the status page finds what is
typed from a receipt and shows one error for an empty search, the desk warns of a time outside
service hours."""

import datetime as dt

import pytest
from django.urls import reverse

from ppid.law import InformationCategory
from ppid.models import InformationItem
from ppid.workdays import office_timezone
from requests.forms import DeskRequestForm
from requests.models import InformationRequest
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def item(office, **fields):
    values = {"title": "Laporan keuangan daerah 2025", "unit": office["health"], "category": InformationCategory.PERIODIC, **fields}
    return InformationItem.objects.create(**values)


# -- "Ajukan permohonan untuk informasi ini" ---------------------------------------------------------
def test_the_dip_detail_offers_a_request_for_this_information(client, office):
    listed = item(office)
    page = client.get(reverse("dip-detail", args=[listed.pk])).content.decode()
    assert f'href="{reverse("requests:submit")}?dip={listed.pk}"' in page and "Ajukan permohonan untuk informasi ini" in page


def test_the_request_link_goes_through_login_and_back(client, office):
    listed = item(office)
    response = client.get(reverse("requests:submit"), {"dip": listed.pk})
    assert response.status_code == 302 and f"dip%3D{listed.pk}" in response["Location"]


def test_the_request_form_is_filled_from_the_dip_item(client, office):
    listed = item(office)
    client.force_login(RequesterFactory().user)
    form = client.get(reverse("requests:submit"), {"dip": listed.pk}).context["form"]
    assert form.initial["dip_item"] == listed.pk and form.initial["unit"] == office["health"].pk
    assert form.initial["information_wanted"] == listed.title


@pytest.mark.parametrize("value", ["abc", "999999", "-1", ""])
def test_a_bad_dip_parameter_gives_an_empty_form(client, office, value):
    client.force_login(RequesterFactory().user)
    response = client.get(reverse("requests:submit"), {"dip": value})
    assert response.status_code == 200 and "dip_item" not in response.context["form"].initial


@pytest.mark.parametrize("fields", [{"category": InformationCategory.EXEMPT, "legal_basis": "pasal 17 huruf h"}, {"is_published": False}])
def test_exempt_or_hidden_items_do_not_fill_the_form(client, office, fields):
    hidden = item(office, **fields)
    client.force_login(RequesterFactory().user)
    assert "dip_item" not in client.get(reverse("requests:submit"), {"dip": hidden.pk}).context["form"].initial


def test_staff_are_not_offered_the_request_link(client_for, office):
    listed = item(office)
    page = client_for("ppid", unit=office["main"]).get(reverse("dip-detail", args=[listed.pk])).content.decode()
    assert "Ajukan permohonan untuk informasi ini" not in page


# -- the public status page ------------------------------------------------------------------------------
def test_status_is_found_with_a_register_number_in_lower_case(client, office):
    request = InformationRequestFactory(unit=office["main"])
    page = client.get(reverse("requests:status"), {"nomor": request.register_number.lower(), "kode": request.tracking_code.lower()})
    assert 'id="status-permohonan"' in page.content.decode()


def test_an_empty_status_search_says_one_thing_to_fix(client, office):
    page = client.get(reverse("requests:status"), {"nomor": "", "kode": ""}).content.decode()
    assert 'id="tidak-ditemukan"' not in page
    assert page.count("Isi kode pelacakan yang tercantum pada tanda bukti penerimaan.") == 2  # in the summary and at the field
    assert 'data-error-summary' in page and 'href="#id_kode"' in page


# -- the desk's received moment --------------------------------------------------------------------------
def at(hour, minute, day=dt.date(2026, 3, 6)):  # Friday 6 March 2026, a working day
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=office_timezone())


@pytest.mark.parametrize("moment", [at(5, 44), at(12, 0), at(16, 45), at(10, 0, dt.date(2026, 3, 7))],
                         ids=["before-opening", "friday-break", "after-closing", "saturday"])
def test_the_desk_form_warns_when_the_time_filled_in_is_outside_service_hours(office, moment):
    form = DeskRequestForm(now=moment)
    assert form.outside_hours_moment == moment
    assert form.initial["received_time"] == moment.time()


def test_no_warning_within_service_hours(office):
    assert DeskRequestForm(now=at(9, 30)).outside_hours_moment is None


def test_the_warning_is_shown_on_the_desk_page(client_for, office, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(5, 44))
    requester = RequesterFactory(user=None)
    page = client_for("desk_officer", unit=office["main"]).get(reverse("requests:desk-create"), {"requester": requester.pk})
    text = page.content.decode()
    assert 'id="peringatan-jam"' in text and "pukul 05.44 WIB" in text


def test_the_new_person_link_carries_the_name_searched(client_for, office):
    page = client_for("desk_officer", unit=office["main"]).get(reverse("requests:desk-create"), {"q": "Budi Santoso"}).content.decode()
    assert "q=Budi+Santoso" in page


def test_intake_still_creates_one_request_per_form(client, office):
    client.force_login(RequesterFactory().user)
    data = {"information_wanted": "RKPD 2026", "purpose": "Kajian", "obtain_method": "view", "delivery_method": "pick_up", "form_token": "t"}
    client.post(reverse("requests:submit"), data)
    client.post(reverse("requests:submit"), data)
    assert InformationRequest.objects.count() == 1
