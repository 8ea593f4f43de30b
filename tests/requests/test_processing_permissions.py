"""Who may open each processing page and file: anonymous -> login, a wrong role -> 403, another
requester or another unit -> 404, the owner and the staff concerned -> 200."""

import pytest
from django.urls import reverse

from requests.models import Decision, InformationRequest
from requests.services import decision, forwarding as forwarding_services, fulfilment
from tests.registry.factories import RequesterFactory
from tests.requests.processing_helpers import (  # noqa: F401 (fixtures: fast_password_hashing, private_media)
    NEXT_DAY,
    dip_item,
    fast_password_hashing,
    make_request,
    pdf_upload,
    private_media,
    staff,
)

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status


@pytest.fixture
def people(office, make_user):
    return {**staff(office, make_user), "verifier": make_user("verifier", unit=office["main"])}


@pytest.fixture
def handed_over(office, people, private_media):
    """A request sent by post to a PPID Pembantu, granted, handed over with a berita acara and a file."""
    request = make_request(delivery_method="post")
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="Mohon data", actor=people["ppid"], now=NEXT_DAY)
    notice = decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Data", actor=people["ppid"], now=NEXT_DAY)
    delivery = fulfilment.request_fulfil(
        request_id=request.pk, method="pick_up", recipient_name="Budi", files=[pdf_upload("untuk-pemohon.pdf")],
        actor=people["desk"], now=NEXT_DAY,
    )
    return {
        "request": request,
        "forwarding": forwarding,
        "notice": notice,
        "delivery": delivery,
        "material": request.materials.get(kind="information"),
    }


def url(name, pk):
    return reverse(f"requests:{name}", args=[pk])


def target(name, world):
    """The object each page is about."""
    objects = {
        "handover-pdf": world["delivery"],
        "material-download": world["material"],
        "processing-return": world["forwarding"],
        "processing-notice-received": world["notice"],
    }
    return objects.get(name, world["request"]).pk


def assert_pdf(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


# -- anonymous -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "handover-pdf",
        "material-download",
        "my-request-processing",
        "my-request-withdraw",
        "processing-return",
        "processing-notice-received",
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, handed_over, name):
    for response in (client.get(url(name, target(name, handed_over))), client.post(url(name, target(name, handed_over)), {})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# -- the berita acara of handover and the information files -----------------------------------------


def test_the_handover_pdf_is_served_to_its_requester_and_the_staff_concerned(client, people, handed_over):
    pk = handed_over["delivery"].pk
    client.force_login(handed_over["request"].requester.user)
    assert_pdf(client.get(url("handover-pdf", pk)))
    for role in ("ppid", "desk", "reviewer", "health"):
        client.force_login(people[role])
        assert_pdf(client.get(url("handover-pdf", pk)))


@pytest.mark.parametrize("who", ["verifier", "education", "another requester"])
def test_the_handover_pdf_is_hidden_from_a_wrong_role_another_unit_and_another_requester(client, people, handed_over, who):
    user = RequesterFactory().user if who == "another requester" else people[who]
    client.force_login(user)
    assert client.get(url("handover-pdf", handed_over["delivery"].pk)).status_code in ((403, 404) if who == "verifier" else (404,))


def test_the_requester_may_download_the_information_given_but_another_requester_gets_404(client, handed_over):
    pk = handed_over["material"].pk
    client.force_login(RequesterFactory().user)
    assert client.get(url("material-download", pk)).status_code == 404
    client.force_login(handed_over["request"].requester.user)
    response = client.get(url("material-download", pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


# -- the requester's own pages ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["my-request-processing", "my-request-withdraw"])
@pytest.mark.parametrize("role", ["desk", "ppid", "verifier"])
def test_staff_get_403_on_the_requesters_own_pages(client, people, handed_over, name, role):
    client.force_login(people[role])
    assert client.get(url(name, handed_over["request"].pk)).status_code == 403
    if name == "my-request-withdraw":
        assert client.post(url(name, handed_over["request"].pk), {"reason": "x"}).status_code == 403


@pytest.mark.parametrize("name", ["my-request-processing", "my-request-withdraw"])
def test_another_requester_gets_404_on_the_requesters_own_pages(client, handed_over, name):
    request = handed_over["request"]
    client.force_login(RequesterFactory().user)
    assert client.get(url(name, request.pk)).status_code == 404
    if name == "my-request-withdraw":
        assert client.post(url(name, request.pk), {"reason": "Bukan milik saya"}).status_code == 404
    request.refresh_from_db()
    assert request.status == Status.FULFILLED


def test_the_owner_opens_the_requesters_own_pages(client, handed_over):
    client.force_login(handed_over["request"].requester.user)
    page = client.get(url("my-request-processing", handed_over["request"].pk))
    assert page.status_code == 200
    # The information was handed over: withdrawal is neither offered nor allowed.
    assert url("my-request-withdraw", handed_over["request"].pk) not in page.content.decode()
    refused = client.get(url("my-request-withdraw", handed_over["request"].pk))
    assert refused.status_code == 409 and "tidak dapat dicabut" in refused.content.decode()


# -- staff pages: a role without the right gets 403 --------------------------------------------------


@pytest.mark.parametrize(
    "role,name",
    [
        ("ppid", "processing-return"),
        ("reviewer", "processing-return"),
        ("verifier", "processing-return"),
        ("reviewer", "processing-notice-received"),
        ("atasan", "processing-notice-received"),
        ("health", "processing-notice-received"),
        ("verifier", "processing-notice-received"),
    ],
)
def test_a_wrong_role_gets_403_on_the_unit_return_and_the_notice_receipt(client, people, handed_over, role, name):
    pk = target(name, handed_over)
    client.force_login(people[role])
    assert client.get(url(name, pk)).status_code == 403
    assert client.post(url(name, pk), {"note": "x", "received_on": "2026-03-13"}).status_code == 403
    handed_over["forwarding"].refresh_from_db()
    handed_over["notice"].refresh_from_db()
    assert handed_over["forwarding"].returned_at is None and handed_over["notice"].received_by_requester_on is None


@pytest.mark.parametrize("name", ["processing-queue", "processing-detail"])
def test_a_staff_role_without_processing_rights_gets_403_on_the_queue_and_the_request_page(client, people, name):
    request = make_request()
    client.force_login(people["verifier"])
    page = reverse("requests:processing-queue") if name == "processing-queue" else url(name, request.pk)
    assert client.get(page).status_code == 403


WRONG_ROLES = [
    ("atasan", "processing-assign"),
    ("verifier", "processing-assign"),
    ("desk", "processing-meeting"),
    ("atasan", "processing-meeting"),
    ("reviewer", "processing-fulfil"),
    ("atasan", "processing-fulfil"),
    ("reviewer", "processing-desk-grant"),
    ("atasan", "processing-desk-grant"),
    ("reviewer", "processing-close"),
    ("atasan", "processing-close"),
    ("reviewer", "processing-withdraw"),
    ("atasan", "processing-withdraw"),
    ("verifier", "processing-withdraw"),
]


@pytest.mark.parametrize("role,name", WRONG_ROLES)
def test_a_wrong_role_gets_403_on_each_transition_and_nothing_changes(client, office, people, role, name):
    request = make_request(dip_item=dip_item(office, category="setiap_saat", title="Profil dinas"))
    client.force_login(people[role])
    assert client.get(url(name, request.pk)).status_code == 403
    data = {"assignee": people[role].pk, "held_on": "2026-03-12", "attendees": "x", "summary": "x", "method": "pick_up",
            "recipient_name": "Budi", "material": "Profil dinas", "note": "x", "reason": "x"}
    assert client.post(url(name, request.pk), data).status_code == 403
    request.refresh_from_db()
    assert request.status == Status.REGISTERED and request.assignee_id is None and not request.events.exists()
