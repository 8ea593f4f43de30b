import pytest
from django.urls import reverse

from requests.admin import SERVICE_FIELDS
from requests.models import InformationRequest
from tests.ppid.factories import UnitFactory
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

SERVICE_WRITTEN = ("is_held", "copy_fee", "unit", "assignee", "dip_item", "status", "notice_due", "register_number")


@pytest.fixture
def admin_client(client_for):
    return client_for("admin", is_staff=True, is_superuser=True)


def test_the_admin_change_form_offers_no_service_written_field_as_an_input(admin_client, office):
    request = InformationRequestFactory(is_held=True, copy_fee=5000, assignee=None)
    response = admin_client.get(reverse("admin:requests_informationrequest_change", args=[request.pk]))
    assert response.status_code == 200
    form_fields = set(response.context["adminform"].form.fields)
    page = response.content.decode()
    for name in SERVICE_WRITTEN:
        assert name not in form_fields, name
        assert f'name="{name}"' not in page, name


def test_every_editable_request_field_is_read_only_in_the_admin():
    editable = {field.name for field in InformationRequest._meta.concrete_fields if field.editable and not field.primary_key}
    assert editable - set(SERVICE_FIELDS) == set()


def test_posting_the_admin_change_form_does_not_change_service_fields(admin_client, office):
    request = InformationRequestFactory(is_held=True, copy_fee=5000)
    other_unit = UnitFactory(code="dinsos", name="Dinas Sosial")
    response = admin_client.post(
        reverse("admin:requests_informationrequest_change", args=[request.pk]),
        {
            "is_held": "false", "copy_fee": "99000", "unit": other_unit.pk, "channel": request.channel,
            "information_wanted": request.information_wanted, "purpose": request.purpose,
            "obtain_method": request.obtain_method, "delivery_method": request.delivery_method,
            "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0", "events-MIN_NUM_FORMS": "0", "events-MAX_NUM_FORMS": "0",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.is_held is True and request.copy_fee == 5000 and request.unit == office["main"]


def test_requests_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:requests_informationrequest_add")).status_code == 403
