"""Offered equals enforced: for every status x role x transition, the staff page offers exactly the actions
whose guard allows them, and a forged POST of any other action gets the guard's reason (409) or 403."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ppid.law import InformationCategory
from requests.models import Decision, InformationRequest
from requests.services import decision, extension, forwarding as forwarding_services, fulfilment, lifecycle
from requests.services.actions import REQUESTER_ACTIONS, STAFF_ACTIONS
from tests.requests.processing_helpers import (  # noqa: F401 (autouse fixtures)
    dip_item,
    exempt_review,
    fast_password_hashing,
    make_request,
    private_media,
    staff,
)

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status
ACTION_LINK = re.compile(r'data-action="([a-z_]+)"')


def _now():
    return timezone.now()


def _granted(request, people, office=None):
    decision.request_decide(request_id=request.pk, decision=Decision.GRANTED, material="Data", actor=people["ppid"], now=_now())


def _refused(request, people, office=None):
    exempt_review(request, people["reviewer"], now=_now())
    decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=_now())


def _fulfilled(request, people, office=None):
    _granted(request, people)
    fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="Budi", actor=people["desk"], now=_now())


STATES = {
    "incomplete": lambda r, p, o: None,
    "registered": lambda r, p, o: None,
    "in_review": lambda r, p, o: exempt_review(r, p["reviewer"], now=_now()),
    "forwarded": lambda r, p, o: forwarding_services.request_forward(request_id=r.pk, unit=o["health"], note="", actor=p["ppid"], now=_now()),
    "extended": lambda r, p, o: extension.request_extend(request_id=r.pk, reason="Arsip", actor=p["ppid"], now=_now()),
    "overdue": lambda r, p, o: None,
    "any_time_item": lambda r, p, o: None,
    "granted": _granted,
    "refused": _refused,
    "fulfilled": _fulfilled,
    "closed": lambda r, p, o: (_refused(r, p), lifecycle.request_close(request_id=r.pk, actor=p["desk"], now=_now())),
    "withdrawn": lambda r, p, o: lifecycle.request_withdraw(request_id=r.pk, reason="x", actor=r.requester.user, now=_now()),
}


def build(state, office, people):
    now = _now()
    kwargs = {"received_at": now}
    if state == "incomplete":
        kwargs.update(status=Status.INCOMPLETE, completed_at=None, register_number=None)
    if state == "overdue":
        kwargs["received_at"] = now - dt.timedelta(weeks=8)  # test data: a request received two months ago
    if state == "any_time_item":
        kwargs["dip_item"] = dip_item(office, category=InformationCategory.ANY_TIME)
    request = make_request(**kwargs)
    STATES[state](request, people, office)
    request.refresh_from_db()
    return request


@pytest.fixture
def people(office, make_user):
    return {
        **staff(office, make_user),
        "verifier": make_user("verifier", unit=office["main"]),
        "dispute": make_user("dispute_desk", unit=office["main"]),
        "admin_role": make_user("admin", unit=office["main"]),
        "unitless": make_user("ppid", unit=None),
        "superuser": make_user(is_superuser=True, is_staff=True),
    }


def offered_on_page(client, user, request):
    client.force_login(user)
    response = client.get(reverse("requests:processing-detail", args=[request.pk]))
    if response.status_code != 200:
        return response.status_code, set()
    section = response.content.decode().split('id="tindakan"', 1)
    links = ACTION_LINK.findall(section[1].split("</section>", 1)[0]) if len(section) == 2 else []
    return 200, set(links)


@pytest.mark.parametrize("state", list(STATES))
def test_the_staff_page_offers_exactly_what_the_guards_allow_and_a_forged_post_gets_the_reason(client, office, people, state):
    request = build(state, office, people)
    for role, user in people.items():
        status, offered = offered_on_page(client, user, request)
        allowed = {action.name for action in STAFF_ACTIONS if action.guard(user, request, _now()).allowed}
        assert offered == allowed, (state, role)
        if status != 200:
            assert not allowed, (state, role)  # what a user may not see, the user may not act on
        for action in STAFF_ACTIONS:
            if action.name in allowed:
                continue
            verdict = action.guard(user, request, _now())
            response = client.post(action.url(request), {"note": "x", "reason": "x"})
            assert response.status_code in (403, 404, 409), (state, role, action.name, response.status_code)
            if response.status_code == 409:
                assert str(verdict.reason) in response.content.decode(), (state, role, action.name)
        request.refresh_from_db()
    assert request.status == build_status(state)


def build_status(state):
    return {
        "incomplete": Status.INCOMPLETE,
        "registered": Status.REGISTERED,
        "overdue": Status.REGISTERED,
        "any_time_item": Status.REGISTERED,
        "in_review": Status.IN_REVIEW,
        "forwarded": Status.IN_REVIEW,
        "extended": Status.IN_REVIEW,
        "granted": Status.DECIDED,
        "refused": Status.DECIDED,
        "fulfilled": Status.FULFILLED,
        "closed": Status.CLOSED,
        "withdrawn": Status.WITHDRAWN,
    }[state]


@pytest.mark.parametrize("state", list(STATES))
def test_the_requesters_page_offers_withdrawal_exactly_when_its_guard_allows(client, office, people, state):
    request = build(state, office, people)
    client.force_login(request.requester.user)
    page = client.get(reverse("requests:my-request-processing", args=[request.pk])).content.decode()
    allowed = {action.name for action in REQUESTER_ACTIONS if action.guard(request.requester.user, request, _now()).allowed}
    # The page also offers the objection, whose guard tests/objections checks the same way.
    request_actions = {action.name for action in REQUESTER_ACTIONS}
    assert set(ACTION_LINK.findall(page)) & request_actions == allowed
    assert ("withdraw" in allowed) == (state not in ("fulfilled", "closed", "withdrawn"))


def test_a_unit_staff_member_sees_and_acts_on_a_forwarded_request_only(client, office, people):
    mine = build("forwarded", office, people)
    other = build("registered", office, people)
    status, offered = offered_on_page(client, people["health"], mine)
    assert status == 200
    assert offered_on_page(client, people["education"], mine)[0] == 404
    assert offered_on_page(client, people["health"], other)[0] == 404
    assert not any(a.guard(people["education"], mine, _now()).allowed for a in STAFF_ACTIONS)


def test_a_staff_account_without_a_unit_sees_nothing_and_may_do_nothing(client, office, people):
    request = build("registered", office, people)
    assert offered_on_page(client, people["unitless"], request) == (404, set())
    verdicts = [a.guard(people["unitless"], request, _now()) for a in STAFF_ACTIONS]
    assert all(v.forbidden for v in verdicts)
