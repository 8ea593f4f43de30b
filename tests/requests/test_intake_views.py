import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ppid.roles import ROLE_LABELS, STAFF_ROLES
from ppid.workdays import OfficeCalendar
from registry.models import Requester
from requests.models import Channel, InformationRequest
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps tests with many rows quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

Status = InformationRequest.Status
ONLINE_POST = {
    "information_wanted": "Dokumen RKPD 2026",
    "purpose": "Kajian kebijakan",
    "obtain_method": "soft_copy",
    "delivery_method": "download",
    "form_token": "tok-online-1",
}
INTAKE_ROLES = {"desk_officer", "ppid", "admin"}
REGISTER_ROLES = {"desk_officer", "classification_reviewer", "ppid", "atasan_ppid", "dispute_desk", "admin"}


@pytest.fixture
def requester_client(client, office):
    requester = RequesterFactory()
    client.force_login(requester.user)
    client.requester = requester
    return client


# -- online -----------------------------------------------------------------------------------
def test_verified_requester_submits_online_and_lands_on_the_request(requester_client):
    response = requester_client.post(reverse("requests:submit"), ONLINE_POST, follow=True)
    request = InformationRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("requests:mine-detail", args=[request.pk])
    page = response.content.decode()
    assert request.register_number in page
    assert request.notice_due.isoformat() in page
    assert request.requester == requester_client.requester
    assert request.channel == Channel.ONLINE and request.status == Status.REGISTERED


def test_double_submitted_online_form_creates_one_request(requester_client):
    first = requester_client.post(reverse("requests:submit"), ONLINE_POST)
    second = requester_client.post(reverse("requests:submit"), ONLINE_POST)
    assert InformationRequest.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_online_form_carries_a_fresh_token(requester_client):
    page = requester_client.get(reverse("requests:submit")).content.decode()
    assert 'name="form_token"' in page


def test_missing_fields_re_render_with_messages(requester_client):
    response = requester_client.post(reverse("requests:submit"), {"form_token": "x", "information_wanted": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bidang ini tidak boleh kosong" in page or "wajib" in page.lower()
    assert not InformationRequest.objects.exists()


def test_unverified_requester_is_told_why_and_cannot_submit(client, office):
    requester = RequesterFactory(verification_status=Requester.Verification.PENDING)
    client.force_login(requester.user)
    page = client.get(reverse("requests:submit")).content.decode()
    assert "belum terverifikasi" in page
    response = client.post(reverse("requests:submit"), ONLINE_POST)
    assert response.status_code == 200
    assert "belum terverifikasi" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_dashboard_lists_own_requests_with_status_and_due_date(requester_client, django_assert_max_num_queries):
    mine = [InformationRequestFactory(requester=requester_client.requester) for _ in range(3)]
    other = InformationRequestFactory(information_wanted="Rahasia orang lain")
    # 9: every page also reads the office identity and the footer's service hours (one query each).
    with django_assert_max_num_queries(9):
        page = requester_client.get(reverse("requests:mine")).content.decode()
    for request in mine:
        assert request.register_number in page
        assert request.notice_due.isoformat() in page
    assert other.register_number not in page


def test_dashboard_query_count_does_not_grow_with_requests(requester_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            requester_client.get(reverse("requests:mine"))
        return len(queries)

    InformationRequestFactory(requester=requester_client.requester)
    count()  # the first page loads the process's configuration snapshot
    few = count()
    for _ in range(10):
        InformationRequestFactory(requester=requester_client.requester)
    assert count() == few


def test_another_requesters_request_answers_404(requester_client):
    other = InformationRequestFactory()
    assert requester_client.get(reverse("requests:mine-detail", args=[other.pk])).status_code == 404
    assert requester_client.get(reverse("requests:mine-receipt", args=[other.pk])).status_code == 404


def test_requester_downloads_own_receipt(requester_client):
    request = InformationRequestFactory(requester=requester_client.requester)
    response = requester_client.get(reverse("requests:mine-receipt", args=[request.pk]), {"unduh": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("name", ["requests:submit", "requests:mine"])
def test_requester_pages_send_anonymous_visitors_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_requester_pages_are_forbidden_to_staff(client_for, role):
    assert client_for(role).get(reverse("requests:submit")).status_code == 403
    assert client_for(role).get(reverse("requests:mine")).status_code == 403


# -- desk -------------------------------------------------------------------------------------
def desk_post(received, **overrides):
    data = {
        "channel": Channel.PHONE,
        "received_on": received.date().isoformat(),
        "received_time": received.strftime("%H:%M"),
        "information_wanted": "Daftar penerima bantuan sosial 2025",
        "purpose": "Pengawasan",
        "obtain_method": "hard_copy",
        "delivery_method": "pick_up",
        "is_complete": "on",
        "form_token": "tok-desk-1",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", sorted(set(ROLE_LABELS)))
def test_desk_intake_permission_matrix(client_for, role, office):
    status = client_for(role).get(reverse("requests:desk-create")).status_code
    assert status == (200 if role in INTAKE_ROLES else 403)


def test_desk_intake_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("requests:desk-create"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_desk_search_finds_requesters(client_for, office):
    RequesterFactory(user=None, full_name="Siti Aminah")
    page = client_for("desk_officer").get(reverse("requests:desk-create"), {"q": "aminah"}).content.decode()
    assert "Siti Aminah" in page


def test_desk_officer_logs_a_phone_request_from_yesterday_evening(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    requester = RequesterFactory(user=None)
    calendar = OfficeCalendar()
    yesterday = calendar.local_date(timezone.now()) - dt.timedelta(days=1)
    received = dt.datetime.combine(yesterday, dt.time(17, 30), tzinfo=calendar.timezone)
    url = f"{reverse('requests:desk-create')}?requester={requester.pk}"
    response = client.post(url, desk_post(received), follow=True)
    request = InformationRequest.objects.get()
    expected_due = calendar.add_working_days(calendar.receipt_date(received), 10)
    assert request.notice_due == expected_due
    assert request.received_at == received and request.received_by == client.user
    page = response.content.decode()
    assert f'datetime="{expected_due.isoformat()}"' in page
    assert request.register_number in page


def pending_claim_of(desk_record):
    """An online registration with the NIK of a desk record, waiting for a verifier to merge it."""
    return RequesterFactory(
        nik=desk_record.nik, claimed_requester=desk_record, verification_status=Requester.Verification.PENDING
    )


def test_desk_refuses_a_pending_online_claim_as_the_requester(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    claim = pending_claim_of(RequesterFactory(user=None))
    url = f"{reverse('requests:desk-create')}?requester={claim.pk}"
    page = client.get(url).content.decode()
    assert "menunggu verifikasi atas data meja layanan" in page
    assert 'name="information_wanted"' not in page
    response = client.post(url, desk_post(timezone.localtime() - dt.timedelta(minutes=5)), follow=True)
    assert "menunggu verifikasi atas data meja layanan" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_ticking_identity_seen_at_the_desk_verifies_the_requester(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    requester = RequesterFactory(user=None, verification_status=Requester.Verification.UNVERIFIED)
    url = f"{reverse('requests:desk-create')}?requester={requester.pk}"
    client.post(url, desk_post(timezone.localtime() - dt.timedelta(minutes=5), identity_seen="on"))
    assert InformationRequest.objects.get().status == Status.REGISTERED
    requester.refresh_from_db()
    assert requester.is_verified and requester.verified_by == client.user


def test_desk_incomplete_request_then_completed(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    requester = RequesterFactory(user=None)
    now = timezone.now()
    data = desk_post(timezone.localtime(now) - dt.timedelta(minutes=5), purpose="", is_complete="")
    client.post(f"{reverse('requests:desk-create')}?requester={requester.pk}", data)
    request = InformationRequest.objects.get()
    assert request.status == Status.INCOMPLETE and request.register_number is None and request.notice_due is None

    complete_url = reverse("requests:desk-complete", args=[request.pk])
    assert client.get(complete_url).status_code == 200
    response = client.post(
        complete_url,
        {"information_wanted": request.information_wanted, "purpose": "Pengawasan", "obtain_method": "view",
         "delivery_method": "pick_up"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.REGISTERED and request.register_number
    assert request.completed_at >= now


def test_desk_complete_form_requires_the_missing_fields(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    requester = RequesterFactory(user=None)
    data = desk_post(timezone.localtime() - dt.timedelta(minutes=5), is_complete="", purpose="")
    client.post(f"{reverse('requests:desk-create')}?requester={requester.pk}", data)
    response = client.post(f"{reverse('requests:desk-create')}?requester={requester.pk}",
                           desk_post(timezone.localtime(), purpose="", form_token="t2"))
    assert response.status_code == 200
    assert "Wajib diisi untuk permohonan yang lengkap" in response.content.decode()


def test_desk_backdating_beyond_the_limit_asks_for_a_reason(client_for, office, settings):
    settings.PPID_BACKDATE_LIMIT_DAYS = 3
    client = client_for("desk_officer", unit=office["main"])
    requester = RequesterFactory(user=None)
    received = timezone.localtime() - dt.timedelta(days=10)
    url = f"{reverse('requests:desk-create')}?requester={requester.pk}"
    response = client.post(url, desk_post(received))
    assert response.status_code == 200
    assert "alasan pencatatan mundur" in response.content.decode()
    assert not InformationRequest.objects.exists()
    client.post(url, desk_post(received, backdate_reason="Surat tercecer di bagian umum"))
    assert InformationRequest.objects.get().backdate_reason == "Surat tercecer di bagian umum"


def test_desk_detail_flags_a_possible_duplicate(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    requester = RequesterFactory(user=None)
    earlier = InformationRequestFactory(requester=requester, received_at=timezone.now() - dt.timedelta(days=3),
                                        information_wanted="Daftar penerima bantuan sosial 2025")
    url = f"{reverse('requests:desk-create')}?requester={requester.pk}"
    response = client.post(url, desk_post(timezone.localtime() - dt.timedelta(minutes=1)), follow=True)
    page = response.content.decode()
    assert 'id="kemungkinan-ganda"' in page and earlier.register_number in page
    assert InformationRequest.objects.count() == 2  # flagged, not refused


def test_desk_receipt_and_form_need_the_intake_permission(client_for, office):
    request = InformationRequestFactory()
    for name in ("requests:desk-receipt", "requests:desk-form", "requests:desk-detail"):
        assert client_for("verifier").get(reverse(name, args=[request.pk])).status_code == 403
        assert client_for("desk_officer").get(reverse(name, args=[request.pk])).status_code == 200


DESK_REQUEST_PAGES = ("requests:desk-detail", "requests:desk-complete", "requests:desk-receipt", "requests:desk-form")


@pytest.mark.parametrize("name", DESK_REQUEST_PAGES)
def test_a_ppid_pembantu_desk_officer_gets_404_on_another_units_request(client_for, office, name):
    client = client_for("desk_officer", unit=office["health"])
    theirs = InformationRequestFactory(unit=office["education"])
    waiting = InformationRequestFactory(unit=office["education"], register_number=None, status=Status.INCOMPLETE)
    assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.get(reverse(name, args=[waiting.pk])).status_code == 404


@pytest.mark.parametrize("name", DESK_REQUEST_PAGES)
def test_a_ppid_pembantu_desk_officer_opens_its_own_units_request(client_for, office, name):
    client = client_for("desk_officer", unit=office["health"])
    ours = InformationRequestFactory(unit=office["health"])
    expected = 302 if name == "requests:desk-complete" else 200  # a registered request has nothing to complete
    assert client.get(reverse(name, args=[ours.pk])).status_code == expected
    waiting = InformationRequestFactory(unit=office["health"], register_number=None, status=Status.INCOMPLETE)
    if name == "requests:desk-complete":
        assert client.get(reverse(name, args=[waiting.pk])).status_code == 200


def test_the_main_desk_opens_every_units_request(client_for, office):
    client = client_for("desk_officer", unit=office["main"])
    request = InformationRequestFactory(unit=office["education"])
    assert client.get(reverse("requests:desk-detail", args=[request.pk])).status_code == 200


def test_a_unit_desk_logging_a_request_for_another_unit_is_not_sent_to_a_404(client_for, office):
    client = client_for("desk_officer", unit=office["health"])
    requester = RequesterFactory(user=None)
    url = f"{reverse('requests:desk-create')}?requester={requester.pk}"
    received = timezone.localtime() - dt.timedelta(minutes=5)
    response = client.post(url, desk_post(received, unit=office["education"].pk))
    request = InformationRequest.objects.get()
    assert request.unit == office["education"]
    assert response.status_code == 302 and response["Location"] == reverse("requests:desk-create")


# -- public status ----------------------------------------------------------------------------
def test_public_status_shows_progress_without_personal_data(client, office):
    request = InformationRequestFactory(information_wanted="Data rahasia pribadi")
    response = client.get(reverse("requests:status"), {"nomor": request.register_number, "kode": request.tracking_code})
    page = response.content.decode()
    assert response.status_code == 200
    assert request.get_status_display() in page
    assert request.notice_due.isoformat() in page
    for private in (request.requester.full_name, request.requester.nik, request.requester.phone, "Data rahasia pribadi"):
        assert private not in page
    assert response["Cache-Control"] == "private, no-store"


def test_public_status_with_a_wrong_code_finds_nothing(client, office):
    request = InformationRequestFactory()
    page = client.get(reverse("requests:status"), {"nomor": request.register_number, "kode": "WRONGCODE234"}).content.decode()
    assert 'id="tidak-ditemukan"' in page
    assert 'id="status-permohonan"' not in page


def test_incomplete_request_status_by_tracking_code_alone(client, office):
    request = InformationRequestFactory(register_number=None, status=Status.INCOMPLETE, completed_at=None)
    page = client.get(reverse("requests:status"), {"nomor": "", "kode": request.tracking_code.lower()}).content.decode()
    assert "Belum lengkap" in page


# -- navigation -------------------------------------------------------------------------------
def test_navigation_links_follow_roles(client, client_for, office):
    anonymous = client.get(reverse("home")).content.decode()
    assert reverse("dip-list") in anonymous and reverse("requests:register") not in anonymous
    staff = client_for("desk_officer").get(reverse("home")).content.decode()
    assert reverse("requests:desk-create") in staff and reverse("requests:register") in staff
    reviewer = client_for("classification_reviewer").get(reverse("home")).content.decode()
    assert reverse("requests:register") in reviewer and reverse("requests:desk-create") not in reviewer


def test_requester_sees_own_navigation(requester_client):
    page = requester_client.get(reverse("home")).content.decode()
    assert reverse("requests:mine") in page and reverse("requests:submit") in page


@pytest.mark.parametrize("name", ["requests:desk-detail", "requests:desk-complete", "requests:desk-receipt", "requests:desk-form"])
def test_desk_request_pages_send_anonymous_visitors_to_login_and_forbid_requesters(client, office, name):
    request = InformationRequestFactory()
    url = reverse(name, args=[request.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(request.requester.user)
    assert client.get(url).status_code == 403


def test_register_print_is_forbidden_to_requesters(client, office):
    requester = RequesterFactory()
    client.force_login(requester.user)
    assert client.get(reverse("requests:register-pdf"), {"date_from": "2026-11-01", "date_to": "2026-11-30"}).status_code == 403


def test_desk_form_prefills_the_received_moment_in_browser_format(client_for, office):
    requester = RequesterFactory(user=None)
    page = client_for("desk_officer").get(reverse("requests:desk-create"), {"requester": requester.pk}).content.decode()
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in page
    assert 'name="received_time"' in page and 'type="time"' in page
