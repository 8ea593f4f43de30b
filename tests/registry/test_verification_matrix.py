"""Every verification status x role x transition: the page offers exactly what the guard allows,
a POST of an allowed transition reaches the state the map names, and a refused one changes nothing."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ppid.roles import STAFF_ROLES
from registry import services
from registry.models import Requester
from registry.services.verification import REJECT, SUBMIT, VERIFICATION_GUARDS, VERIFICATION_TRANSITIONS
from tests.registry.factories import DeskRequesterFactory, RequesterFactory, account_registered, document_add

pytestmark = pytest.mark.django_db

STATUSES = list(Requester.Verification.values)
OWNER, OTHER, SUPERUSER = "owner", "other_requester", "superuser"
ACTORS = (OWNER, OTHER, SUPERUSER, *STAFF_ROLES)
URLS = {name: url for name, url in (
    ("approve", "registry:verification-approve"),
    ("reject", "registry:verification-reject"),
    ("verify_at_desk", "registry:desk-verify"),
)}


def requester_in(status):
    requester = RequesterFactory(verification_status=Requester.Verification.UNVERIFIED)
    document_add(requester)
    if status != Requester.Verification.UNVERIFIED:
        Requester.objects.filter(pk=requester.pk).update(verification_status=status)
        requester.refresh_from_db()
    return requester


def actor_client(client, make_user, actor, owner):
    if actor == OWNER:
        user = owner.user
    elif actor == OTHER:
        user = RequesterFactory().user
    elif actor == SUPERUSER:
        user = make_user(is_superuser=True, is_staff=True)
    else:
        user = make_user(actor)
    client.force_login(user)
    return user


def offered(client, actor, requester):
    """The action names the page shows this actor for this requester (none when the page is closed to them)."""
    if actor in (OWNER, OTHER):
        response = client.get(reverse("registry:profile"))
        return {a.name for a in response.context["actions"]} if actor == OWNER else set()
    response = client.get(reverse("registry:verification-detail", args=[requester.pk]))
    if response.status_code in (403, 404):
        return set()
    assert response.status_code == 200
    return {a.name for a in response.context["actions"]}


def post(client, transition, requester):
    if transition == SUBMIT:
        return client.post(reverse("registry:verification-submit"))
    data = {"reason": "Foto KTP buram."} if transition == REJECT else {}
    return client.post(reverse(URLS[transition], args=[requester.pk]), data)


@pytest.mark.parametrize("status", STATUSES)
def test_offered_actions_equal_the_guards_verdicts_and_posts_follow_the_map(client, make_user, status):
    for actor in ACTORS:
        requester = requester_in(status)
        user = actor_client(client, make_user, actor, requester)
        now = timezone.now()
        allowed = {name for name, guard in VERIFICATION_GUARDS.items() if guard(user, requester, now).allowed}
        assert offered(client, actor, requester) == allowed, (status, actor)
        for transition in VERIFICATION_GUARDS:
            if transition == SUBMIT and actor != OWNER:
                continue  # the submit page has no id: it acts on the visitor's own record only
            with transaction.atomic():
                response = post(client, transition, requester)
                after = Requester.objects.get(pk=requester.pk).verification_status
                transaction.set_rollback(True)
            if transition in allowed:
                assert response.status_code == 302, (status, actor, transition)
                assert after == VERIFICATION_TRANSITIONS[transition][1], (status, actor, transition)
            else:
                assert response.status_code in (403, 404, 409), (status, actor, transition, response.status_code)
                assert after == status, (status, actor, transition)


def test_a_refused_transition_shows_the_guards_reason(client_for):
    requester = requester_in(Requester.Verification.VERIFIED)
    response = client_for("verifier").post(reverse("registry:verification-approve", args=[requester.pk]))
    assert response.status_code == 409
    assert "menunggu verifikasi" in response.content.decode()


def test_desk_verifying_a_second_claim_of_a_held_record_is_refused_clearly_not_an_error(client_for, make_user):
    desk = DeskRequesterFactory(nik="3201014501900001")
    first, second = (account_registered(email=f"{name}@example.org", nik=desk.nik) for name in ("a", "b"))
    services.requester_verify_at_desk(requester=first, officer=make_user("desk_officer"))
    second.refresh_from_db()
    assert second.claimed_requester_id == desk.pk
    client = client_for("desk_officer")
    page = client.get(reverse("registry:desk-search"), {"q": desk.nik})
    assert [found for found, _url, _can in page.context["results"]] == [desk]  # the claim itself is not a record
    response = client.post(reverse("registry:desk-verify", args=[second.pk]))
    assert response.status_code == 409 and "sudah dimiliki akun lain" in response.content.decode()
    second.refresh_from_db()
    assert second.verification_status == "unverified" and second.user.is_active


def test_the_verification_status_is_written_only_through_the_transition_map():
    """No module of registry assigns verification_status except the one function that follows the map."""
    import pathlib
    import re

    root = pathlib.Path(services.__file__).resolve().parents[1]
    writers = []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"verification_status\s*=[^=]", line) and "models." not in line and "filter(" not in line:
                writers.append(f"{path.relative_to(root)}:{number}")
    assert writers == ["services/verification.py:%d" % _move_line()], writers


def _move_line():
    import inspect

    from registry.services import verification

    source, start = inspect.getsourcelines(verification._verification_move)
    return start + next(i for i, line in enumerate(source) if "verification_status = target" in line)
