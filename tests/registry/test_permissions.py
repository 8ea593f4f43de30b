"""Every new view against every kind of visitor: anonymous -> login, wrong role -> 403,
another requester's document or record -> 404."""

import pytest
from django.urls import reverse

from ppid.roles import STAFF_ROLES
from registry.models import Requester
from registry.services import requester_verification_submit
from tests.registry.factories import RequesterFactory, document_add

pytestmark = pytest.mark.django_db

OWNER, OTHER_REQUESTER, ANONYMOUS = "owner", "other_requester", "anonymous"
ACTORS = (ANONYMOUS, OWNER, OTHER_REQUESTER, *STAFF_ROLES)

IDENTITY_VIEWERS = {"verifier", "desk_officer", "ppid", "admin"}  # registry.view_identitydocument
VERIFIERS = {"verifier", "desk_officer", "admin"}  # registry.verify_requester
DESK = {"desk_officer", "admin"}  # registry.add_requester


def own_views():
    return ["profile", "profile-edit", "personal-data-json", "personal-data-pdf", "verification-submit", "document-upload"]


def expected(view, actor):
    if actor == ANONYMOUS:
        return "login"
    if view in own_views():
        return 200 if actor in (OWNER, OTHER_REQUESTER) else 403
    if view == "document-file":
        if actor == OWNER or actor in IDENTITY_VIEWERS:
            return 200
        return 404 if actor == OTHER_REQUESTER else 403
    if view == "document-delete":
        return {OWNER: 200, OTHER_REQUESTER: 404}.get(actor, 403)
    if view.startswith("verification-"):
        return 200 if actor in VERIFIERS else 403
    if view.startswith("desk-"):
        return 200 if actor in DESK else 403
    raise AssertionError(view)


VIEWS = [
    *own_views(),
    "document-file",
    "document-delete",
    "verification-queue",
    "verification-detail",
    "verification-approve",
    "verification-reject",
    "desk-search",
    "desk-create",
    "desk-verify",
]


@pytest.fixture
def world(make_user):
    owner = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document = document_add(owner)
    pending = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document_add(pending)
    requester_verification_submit(requester=pending, actor=pending.user)
    return {"owner": owner, "document": document, "pending": pending, "other": RequesterFactory()}


def url_for(view, world):
    if view in ("document-file", "document-delete"):
        return reverse(f"registry:{view}", args=[world["document"].pk])
    if view in ("verification-detail", "verification-approve", "verification-reject", "desk-verify"):
        return reverse(f"registry:{view}", args=[world["pending"].pk])
    return reverse(f"registry:{view}")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("view", VIEWS)
def test_permission_matrix(client, make_user, world, view, actor):
    if actor == OWNER:
        client.force_login(world["owner"].user)
    elif actor == OTHER_REQUESTER:
        client.force_login(world["other"].user)
    elif actor != ANONYMOUS:
        client.force_login(make_user(actor))
    response = client.get(url_for(view, world))
    outcome = expected(view, actor)
    if outcome == "login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == outcome, (view, actor, response.status_code)


@pytest.mark.parametrize("view", ["verification-approve", "verification-reject", "desk-verify"])
def test_requesters_cannot_decide_identity_by_post(requester_client, world, view):
    client = requester_client(world["other"])
    assert client.post(url_for(view, world), {"reason": "x"}).status_code == 403
    world["pending"].refresh_from_db()
    assert world["pending"].verification_status == "pending"


def test_another_requesters_document_cannot_be_deleted(requester_client, world):
    client = requester_client(world["other"])
    assert client.post(url_for("document-delete", world)).status_code == 404
    assert world["owner"].documents.exists()


@pytest.mark.parametrize("view", ["profile", "verification-queue", "verification-detail", "desk-search"])
def test_pages_with_identity_data_are_not_cached(client, make_user, world, view):
    if view == "profile":
        client.force_login(world["owner"].user)
    else:
        client.force_login(make_user("desk_officer"))
    assert client.get(url_for(view, world))["Cache-Control"] == "private, no-store"
