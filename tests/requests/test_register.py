import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ppid.roles import ROLE_LABELS
from requests.models import Channel, Decision, InformationRequest, Notice, Review
from tests.requests.factories import InformationRequestFactory
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps tests with many rows quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WIB = ZoneInfo("Asia/Jakarta")
REGISTER_ROLES = {"desk_officer", "classification_reviewer", "ppid", "atasan_ppid", "dispute_desk", "admin"}


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


@pytest.fixture
def register_client(client_for, office):
    return client_for("ppid", unit=office["main"])


@pytest.mark.parametrize("role", sorted(ROLE_LABELS))
def test_register_permission_matrix(client_for, role, office):
    for name in ("requests:register", "requests:register-csv", "requests:register-xlsx"):
        status = client_for(role).get(reverse(name)).status_code
        assert status == (200 if role in REGISTER_ROLES else 403), name


def test_register_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("requests:register"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_requester_cannot_open_the_register(client, office):
    requester = RequesterFactory()
    client.force_login(requester.user)
    assert client.get(reverse("requests:register")).status_code == 403


def refused_request(**kwargs):
    request = InformationRequestFactory(status=InformationRequest.Status.DECIDED, decision=Decision.REFUSED, is_held=True,
                                        copy_fee=0, **kwargs)
    officer = request.requester.user  # any user will do as the actor of these records
    Review.objects.create(request=request, outcome=Review.Outcome.EXEMPT, legal_basis="pasal_17", exemption_letter="h",
                          reviewer=officer)
    Notice.objects.create(request=request, kind=Notice.Kind.REFUSAL, number=f"N-{request.pk}", decision=Decision.REFUSED,
                          issued_by=officer, issued_at=at(2026, 11, 20, 10, 0), body="Mengungkap rahasia pribadi")
    return request


def test_register_shows_every_column(register_client):
    request = refused_request()
    page = register_client.get(reverse("requests:register")).content.decode()
    requester = request.requester
    for value in (request.register_number, requester.full_name, requester.address, requester.phone, requester.occupation,
                  request.information_wanted, request.purpose, "Dikuasai", "Softcopy", "Mendapatkan salinan", "Ditolak",
                  "Pasal 17 huruf h", "20-11-2026"):
        assert value in page, value
    for header in ("Nomor register", "Tanggal", "Nama pemohon", "Alamat", "Kontak", "Pekerjaan", "Informasi yang diminta",
                   "Tujuan penggunaan", "Dikuasai / tidak dikuasai", "Softcopy / hardcopy", "Melihat / mendapatkan salinan",
                   "Keputusan", "Alasan penolakan", "Tanggal pemberitahuan tertulis", "Biaya (Rp)"):
        assert header in page, header


def test_register_refusal_reason_is_translated_with_the_pasal_17_letter(office, make_user):
    from django.utils import translation

    from requests.selectors import RegisterFilters, register_refusal_reason, register_rows

    refused_request()
    row = register_rows(filters=RegisterFilters(), user=make_user("ppid")).get()
    with translation.override("id"):
        assert register_refusal_reason(row) == "Pasal 17 huruf h UU 14/2008"
    with translation.override("en"):
        assert register_refusal_reason(row) == "Article 17 letter h of Law 14/2008"


def test_incomplete_requests_are_not_in_the_register(register_client):
    waiting = InformationRequestFactory(register_number=None, status=InformationRequest.Status.INCOMPLETE, completed_at=None)
    page = register_client.get(reverse("requests:register")).content.decode()
    assert waiting.tracking_code not in page


def test_register_list_query_count_does_not_grow_with_rows(register_client):
    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            response = register_client.get(reverse("requests:register"))
        assert response.status_code == 200
        return len(captured)

    for _ in range(5):
        refused_request()
    five = queries_for_page()
    for _ in range(45):
        refused_request()
    assert queries_for_page() == five


def test_register_filters(register_client, office):
    old = InformationRequestFactory(received_at=at(2026, 10, 5, 10, 0), information_wanted="Laporan lama")
    phone = InformationRequestFactory(received_at=at(2026, 11, 10, 10, 0), channel=Channel.PHONE, unit=office["health"],
                                      information_wanted="Data puskesmas")
    online = InformationRequestFactory(received_at=at(2026, 11, 11, 10, 0), information_wanted="Data sekolah")

    def numbers(**params):
        page = register_client.get(reverse("requests:register"), params).content.decode()
        return {r.register_number for r in (old, phone, online) if r.register_number in page}

    assert numbers(date_from="2026-11-01", date_to="2026-11-30") == {phone.register_number, online.register_number}
    assert numbers(channel="phone") == {phone.register_number}
    assert numbers(unit=office["health"].pk) == {phone.register_number}
    assert numbers(q="sekolah") == {online.register_number}
    assert numbers(q=phone.requester.full_name) == {phone.register_number}
    assert numbers(status="registered") == {old.register_number, phone.register_number, online.register_number}


def test_register_overdue_filter(register_client):
    overdue = InformationRequestFactory(received_at=timezone.now() - dt.timedelta(days=40))
    fresh = InformationRequestFactory()
    decided_late = InformationRequestFactory(received_at=timezone.now() - dt.timedelta(days=40),
                                             status=InformationRequest.Status.DECIDED)
    page = register_client.get(reverse("requests:register"), {"overdue": "on"}).content.decode()
    assert overdue.register_number in page
    assert fresh.register_number not in page and decided_late.register_number not in page


def test_register_paginates(register_client):
    for _ in range(51):
        InformationRequestFactory()
    page = register_client.get(reverse("requests:register")).content.decode()
    assert "Halaman 1 dari 2" in page


def test_csv_export_has_the_columns_and_follows_the_filters(register_client):
    request = refused_request(channel=Channel.LETTER)
    InformationRequestFactory(channel=Channel.PHONE)
    response = register_client.get(reverse("requests:register-csv"), {"channel": "letter"})
    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Nomor register" and "Alasan penolakan" in rows[0]
    assert len(rows) == 2
    assert rows[1][0] == request.register_number
    assert "2026-11-20" in rows[1]


def test_xlsx_export_opens_with_typed_dates(register_client):
    request = refused_request()
    response = register_client.get(reverse("requests:register-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor register"
    assert rows[1][0] == request.register_number
    assert isinstance(rows[1][1], dt.datetime | dt.date)


def test_register_print_needs_a_period_and_respects_the_row_cap(register_client, monkeypatch):
    response = register_client.get(reverse("requests:register-pdf"))
    assert response.status_code == 302
    monkeypatch.setattr("requests.views.register.REGISTER_PRINT_MAX_ROWS", 2)
    for day in (3, 4, 5):
        InformationRequestFactory(received_at=at(2026, 11, day, 10, 0))
    response = register_client.get(reverse("requests:register-pdf"), {"date_from": "2026-11-01", "date_to": "2026-11-30"})
    assert response.status_code == 302
    follow = register_client.get(response["Location"]).content.decode()
    assert "dibatasi 2 baris" in follow
