"""Processing pages: permissions, one confirmation page per transition, refusals shown, queues, downloads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ppid.workdays import OfficeCalendar
from requests.models import Decision, InformationRequest
from requests.services import decision, forwarding as forwarding_services, fulfilment
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    NEXT_DAY,
    exempt_review,
    fast_password_hashing,
    make_request,
    pdf_upload,
    staff,
)

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status

TRANSITION_PAGES = [
    "processing-assign",
    "processing-forward",
    "processing-review",
    "processing-meeting",
    "processing-extend",
    "processing-decide",
    "processing-fulfil",
    "processing-desk-grant",
    "processing-close",
    "processing-withdraw",
]


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def url(name, *args):
    return reverse(f"requests:{name}", args=args)


# -- permissions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["processing-queue", "processing-detail", *TRANSITION_PAGES])
def test_anonymous_visitors_are_sent_to_login(client, office, name):
    request = make_request()
    response = client.get(url(name) if name == "processing-queue" else url(name, request.pk))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["processing-queue", "processing-detail", "processing-decide"])
def test_a_requester_gets_403_on_staff_pages(client, office, name):
    request = make_request()
    client.force_login(request.requester.user)
    response = client.get(url(name) if name == "processing-queue" else url(name, request.pk))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "role,name",
    [
        ("reviewer", "processing-decide"),
        ("reviewer", "processing-extend"),
        ("desk", "processing-review"),
        ("desk", "processing-decide"),
        ("atasan", "processing-review"),
        ("atasan", "processing-forward"),
    ],
)
def test_a_wrong_role_gets_403(client, office, people, role, name):
    request = make_request()
    client.force_login(people[role])
    assert client.get(url(name, request.pk)).status_code == 403
    assert client.post(url(name, request.pk), {}).status_code == 403


def test_a_ppid_pembantu_of_another_unit_gets_404(client, office, people):
    request = make_request(unit=office["health"])
    client.force_login(people["education"])
    assert client.get(url("processing-detail", request.pk)).status_code == 404
    assert client.get(url("processing-fulfil", request.pk)).status_code == 404
    client.force_login(people["health"])
    assert client.get(url("processing-detail", request.pk)).status_code == 200


def test_a_forwarded_request_is_visible_to_the_unit_it_was_forwarded_to_only(client, office, people):
    request = make_request()
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="Mohon data", actor=people["ppid"], now=NEXT_DAY)
    client.force_login(people["education"])
    assert client.get(url("processing-detail", request.pk)).status_code == 404
    assert client.get(url("processing-return", forwarding.pk)).status_code == 404
    client.force_login(people["health"])
    page = client.get(url("processing-detail", request.pk))
    assert page.status_code == 200 and url("processing-return", forwarding.pk) in page.content.decode()
    response = client.post(url("processing-return", forwarding.pk), {"note": "Terlampir", "files": [pdf_upload()]})
    assert response.status_code == 302
    forwarding.refresh_from_db()
    assert forwarding.returned_at is not None and forwarding.materials.count() == 1


# -- confirmation pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TRANSITION_PAGES)
def test_each_transition_has_a_confirmation_page_that_changes_nothing_on_get(client, office, people, name):
    """GET shows the form when the guard allows the transition, and the guard's reason (409) when it does not."""
    from django.utils import timezone

    from requests.services.actions import STAFF_ACTIONS

    request = make_request(received_at=timezone.now())
    actor = people["ppid"] if name not in ("processing-desk-grant", "processing-close", "processing-withdraw") else people["desk"]
    client.force_login(actor)
    response = client.get(url(name, request.pk))
    action = next(a for a in STAFF_ACTIONS if a.url_name == f"requests:{name}")
    verdict = action.guard(actor, request, timezone.now())
    page = response.content.decode()
    if verdict.allowed:
        assert response.status_code == 200 and 'class="btn btn-primary"' in page and 'id="refusal"' not in page
    else:
        assert response.status_code == 409 and 'class="btn btn-primary"' not in page
        assert 'id="refusal"' in page and str(verdict.reason) in page
    request.refresh_from_db()
    assert request.status == Status.REGISTERED and not request.events.exists()


def test_refusal_is_decided_through_its_confirmation_page(client, office, people):
    request = make_request()
    client.force_login(people["reviewer"])
    response = client.post(
        url("processing-review", request.pk),
        {
            "outcome": "exempt",
            "legal_basis": "pasal_17",
            "exemption_letter": "b",
            "harm_test": "Merugikan persaingan usaha",
            "public_interest_test": "Tidak lebih besar",
            "considerations": "Rahasia dagang",
        },
    )
    assert response.status_code == 302
    client.force_login(people["ppid"])
    page = client.get(url("processing-decide", request.pk)).content.decode()
    assert "Merugikan persaingan usaha" in page
    response = client.post(
        url("processing-decide", request.pk),
        {"decision": "refused", "format": "soft_copy", "delivery_method": "email", "copy_fee": "0"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.decision == Decision.REFUSED
    detail = client.get(response["Location"]).content.decode()
    assert "Surat keputusan penolakan" in detail and "Atasan PPID" in detail


def test_a_forbidden_transition_shows_the_reason_in_indonesian(client, office, people):
    request = make_request()
    client.force_login(people["ppid"])
    response = client.post(url("processing-fulfil", request.pk), {"method": "pick_up", "recipient_name": "Budi"})
    assert response.status_code == 409
    assert "Informasi tidak dapat diserahkan sebelum ada keputusan" in response.content.decode()
    decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    response = client.post(url("processing-decide", request.pk), {"decision": "not_held", "format": "soft_copy", "delivery_method": "email", "copy_fee": "0"})
    assert response.status_code == 409 and "dua kali" in response.content.decode()


def test_a_missing_field_rerenders_the_form_with_the_message(client, office, people):
    request = make_request()
    client.force_login(people["reviewer"])
    response = client.post(url("processing-review", request.pk), {"outcome": "exempt", "considerations": "x"})
    assert response.status_code == 400
    assert "Uji konsekuensi wajib ditulis" in response.content.decode()
    assert not request.reviews.exists()


def long_day(day):
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def test_extension_page_announces_the_new_due_date(client, office, people):
    request = InformationRequestFactory()
    new_due = OfficeCalendar().add_working_days(request.notice_due, 7)
    client.force_login(people["ppid"])
    assert long_day(new_due) in client.get(url("processing-extend", request.pk)).content.decode()
    assert client.post(url("processing-extend", request.pk), {"reason": "Arsip inaktif"}).status_code == 302
    request.refresh_from_db()
    assert request.is_extended
    response = client.post(url("processing-extend", request.pk), {"reason": "Lagi"})
    assert response.status_code == 409 and "satu kali" in response.content.decode()


def test_extension_page_counts_the_extension_from_the_law_constant(client, office, people, monkeypatch):
    from ppid import law

    monkeypatch.setattr(law, "EXTENSION_WORKING_DAYS", 8)
    request = InformationRequestFactory()
    new_due = OfficeCalendar().add_working_days(request.notice_due, 8)
    client.force_login(people["ppid"])
    page = client.get(url("processing-extend", request.pk)).content.decode()
    assert long_day(new_due) in page and "(8 hari kerja)" in page


def test_the_requester_withdraws_through_a_confirmation_page(client, office):
    request = make_request()
    client.force_login(request.requester.user)
    assert client.get(url("my-request-withdraw", request.pk)).status_code == 200
    assert client.post(url("my-request-withdraw", request.pk), {"reason": "Sudah tidak perlu"}).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


# -- queues -----------------------------------------------------------------------------------------------------


def test_queues_list_new_due_soon_overdue_and_assigned(client, office, people):
    now = timezone.now()
    new = InformationRequestFactory(information_wanted="Permohonan baru")
    overdue = InformationRequestFactory(received_at=now - timezone.timedelta(days=40), information_wanted="Permohonan terlambat")
    mine = InformationRequestFactory(information_wanted="Permohonan saya", assignee=people["ppid"], status=Status.IN_REVIEW)
    client.force_login(people["ppid"])
    response = client.get(url("processing-queue"))
    assert response.status_code == 200
    context = response.context
    def pks(queue):
        return {row.pk for row in context[queue]}

    page = response.content.decode()
    assert f'<a href="{url("processing-detail", new.pk)}">{new.register_number}</a>' in page
    assert "QueueRow" not in page and "None None" not in page
    assert new.pk in pks("to_review")
    assert overdue.pk in pks("overdue")
    assert mine.pk in pks("assigned") and new.pk not in pks("assigned")


def test_a_long_queue_shows_its_most_urgent_lines_its_count_and_the_way_to_the_rest(client, office, people, monkeypatch):
    from requests import selectors_processing

    monkeypatch.setattr(selectors_processing, "QUEUE_LIMIT", 2)
    InformationRequestFactory.create_batch(3)
    client.force_login(people["ppid"])
    response = client.get(url("processing-queue"))
    queue = response.context["to_review"]
    assert len(queue) == 2 and queue.more
    page = response.content.decode()
    assert "Hanya 2 yang paling mendesak ditampilkan." in page
    link = f"{reverse('requests:register')}?status=registered"
    assert f'href="{link}"' in page and "overdue=on" not in page
    listed = client.get(link).content.decode()
    assert all(request.register_number in listed for request in InformationRequest.objects.filter(status=Status.REGISTERED))


def test_the_unit_queue_shows_only_requests_forwarded_to_that_unit(client, office, people):
    ours = make_request(information_wanted="Data imunisasi")
    theirs = make_request(information_wanted="Data sekolah")
    forwarding_services.request_forward(request_id=ours.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
    forwarding_services.request_forward(request_id=theirs.pk, unit=office["education"], note="", actor=people["ppid"], now=NEXT_DAY)
    client.force_login(people["health"])
    page = client.get(url("processing-queue")).content.decode()
    assert "Data imunisasi" in page and "Data sekolah" not in page


def test_queue_page_query_count_does_not_grow_with_rows(client, office, people):
    client.force_login(people["ppid"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("processing-queue")).status_code == 200
        return len(queries)

    InformationRequestFactory.create_batch(2, assignee=people["ppid"])
    client.get(url("processing-queue"))  # loads this process's snapshots (configuration, calendar)
    few = count()
    InformationRequestFactory.create_batch(12, assignee=people["ppid"])
    # The session, the user, their roles with their permissions, five queues, the stamps.
    assert count() == few == 9


def test_nav_links_to_the_work_queue_for_staff_who_process_requests(client, office, people):
    client.force_login(people["reviewer"])
    assert "Antrean kerja" in client.get(reverse("working-calendar")).content.decode()
    client.force_login(people["atasan"])
    assert "Antrean kerja" not in client.get(reverse("working-calendar")).content.decode()


# -- the requester's page and downloads ------------------------------------------------------------------


def refused_request(people):
    request = make_request()
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    return request, notice


def test_the_requester_sees_the_refusal_the_right_to_object_and_the_ledger(client, office, people):
    request, notice = refused_request(people)
    client.force_login(request.requester.user)
    page = client.get(url("my-request-processing", request.pk)).content.decode()
    assert notice.number in page and "Ditolak" in page
    assert "keberatan" in page and "Atasan PPID" in page and "30 hari kerja" in page
    assert "Catatan jangka waktu" in page and "Rabu, 1 April 2026" in page


def test_another_requester_gets_404_on_the_page_and_the_files(client, office, people):
    request, notice = refused_request(people)
    client.force_login(RequesterFactory().user)
    assert client.get(url("my-request-processing", request.pk)).status_code == 404
    assert client.get(url("notice-pdf", notice.pk)).status_code == 404


def test_notice_pdf_downloads_only_for_the_requester_and_staff(client, office, people):
    request, notice = refused_request(people)
    response = client.get(url("notice-pdf", notice.pk))
    assert response.status_code == 302
    client.force_login(request.requester.user)
    response = client.get(url("notice-pdf", notice.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(people["ppid"])
    assert client.get(url("notice-pdf", notice.pk)).status_code == 200
    client.force_login(people["education"])
    assert client.get(url("notice-pdf", notice.pk)).status_code == 404


def test_unit_material_is_never_served_to_the_requester_but_information_is(client, office, people):
    request = make_request()
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
    forwarding_services.forwarding_return(forwarding_id=forwarding.pk, note="", files=[pdf_upload("internal.pdf")], actor=people["health"], now=NEXT_DAY)
    decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Data", actor=people["ppid"], now=NEXT_DAY)
    delivery = fulfilment.request_fulfil(
        request_id=request.pk, method="download", files=[pdf_upload("untuk-pemohon.pdf")], actor=people["desk"], now=NEXT_DAY
    )
    internal = request.materials.get(kind="unit_material")
    given = request.materials.get(kind="information")
    client.force_login(request.requester.user)
    assert client.get(url("material-download", internal.pk)).status_code == 404
    response = client.get(url("material-download", given.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    page = client.get(url("my-request-processing", request.pk)).content.decode()
    assert "untuk-pemohon.pdf" in page and "internal.pdf" not in page
    assert delivery.method == "download"
    client.force_login(people["health"])
    assert client.get(url("material-download", internal.pk)).status_code == 200


def test_the_desk_records_when_a_posted_notice_arrived(client, office, people, make_user):
    request = make_request(delivery_method="post")
    notice = decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    client.force_login(people["desk"])
    detail = client.get(url("processing-detail", request.pk)).content.decode()
    assert url("processing-notice-received", notice.pk) in detail
    assert client.get(url("processing-notice-received", notice.pk)).status_code == 200
    today = timezone.localdate()
    assert client.post(url("processing-notice-received", notice.pk), {"received_on": today.isoformat()}).status_code == 302
    notice.refresh_from_db()
    assert notice.received_by_requester_on == today
    client.force_login(people["education"])  # a PPID Pembantu without the desk's right
    assert client.get(url("processing-notice-received", notice.pk)).status_code == 403
    client.force_login(make_user("desk_officer", unit=office["education"]))  # the desk of another unit
    assert client.get(url("processing-notice-received", notice.pk)).status_code == 404
