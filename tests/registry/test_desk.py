from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from registry.models import Requester, VerificationDecision
from registry.services import requester_verification_submit
from tests.registry.factories import DeskRequesterFactory, RequesterFactory, account_registered, document_add

pytestmark = pytest.mark.django_db

NEXT = "/permohonan/meja/baru/?saluran=walk_in"


def desk_data(**overrides):
    return {
        "jenis": "person",
        "full_name": "Budi Santoso",
        "nik": "3578010101800001",
        "address": "Jl. Pahlawan 3",
        "occupation": "Nelayan",
        "phone": "0813 2222 3333",
        "email": "",
        **overrides,
    }


@pytest.mark.parametrize("query_of", [lambda r: r.nik, lambda r: "santoso", lambda r: "22223333"])
def test_desk_finds_a_requester_by_nik_name_or_phone(client_for, query_of):
    requester = DeskRequesterFactory(full_name="Budi Santoso", phone="081322223333")
    RequesterFactory(full_name="Orang Lain")
    response = client_for("desk_officer").get(reverse("registry:desk-search"), {"q": query_of(requester)})
    results = [found for found, _url, _can_verify in response.context["results"]]
    assert results == [requester]


def test_choosing_a_found_requester_links_back_to_next_with_the_requester(client_for):
    requester = DeskRequesterFactory()
    response = client_for("desk_officer").get(reverse("registry:desk-search"), {"q": requester.nik, "next": NEXT})
    (_found, url, _can_verify), = response.context["results"]
    parts = urlsplit(url)
    assert parts.path == "/permohonan/meja/baru/"
    assert parse_qs(parts.query) == {"saluran": ["walk_in"], "requester": [str(requester.pk)]}
    assert url.replace("&", "&amp;") in response.content.decode()


def test_an_outside_next_is_ignored(client_for):
    requester = DeskRequesterFactory()
    response = client_for("desk_officer").get(
        reverse("registry:desk-search"), {"q": requester.nik, "next": "https://jahat.example/"}
    )
    (_found, url, _can_verify), = response.context["results"]
    assert url is None
    client = client_for("desk_officer")
    response = client.post(reverse("registry:desk-create") + "?next=//jahat.example/x", desk_data())
    assert response.status_code == 302 and response["Location"].startswith(reverse("registry:desk-search"))


def test_desk_creates_a_verified_requester_without_account_and_returns_to_next(client_for):
    client = client_for("desk_officer")
    response = client.post(reverse("registry:desk-create") + "?" + f"next={NEXT.replace('?', '%3F').replace('=', '%3D')}", desk_data())
    requester = Requester.objects.get(nik="3578010101800001")
    assert response.status_code == 302
    assert response["Location"] == f"/permohonan/meja/baru/?saluran=walk_in&requester={requester.pk}"
    assert requester.user is None and requester.created_by == client.user
    assert requester.verification_status == "verified" and requester.verified_by == client.user
    decision = requester.verifications.get()
    assert decision.method == VerificationDecision.Method.DESK and decision.decided_by == client.user


def test_desk_refuses_a_second_person_with_the_same_nik(client_for):
    DeskRequesterFactory(nik="3578010101800001")
    response = client_for("desk_officer").post(reverse("registry:desk-create"), desk_data())
    assert response.status_code == 200
    assert "sudah terdaftar" in response.content.decode()
    assert Requester.objects.filter(nik="3578010101800001").count() == 1


def test_desk_creates_a_legal_entity_with_its_deed(client_for):
    client = client_for("desk_officer")
    response = client.post(
        reverse("registry:desk-create"),
        desk_data(jenis="legal_entity", entity_name="CV Maju", deed_number="7", deed_date="2020-01-02", decree_number="AHU-1"),
    )
    assert response.status_code == 302
    assert Requester.objects.get(entity_name="CV Maju").kind == "legal_entity"
    response = client.post(reverse("registry:desk-create"), desk_data(jenis="legal_entity", nik="3578010101800002"))
    assert response.status_code == 200 and "deed_number" in response.context["form"].errors


def test_desk_create_offers_a_nik_typed_in_the_search(client_for):
    response = client_for("desk_officer").get(reverse("registry:desk-create"), {"q": "3578010101800001"})
    assert response.context["form"].initial["nik"] == "3578010101800001"


@pytest.mark.parametrize(
    "query,field,value",
    [("Budi Santoso", "full_name", "Budi Santoso"), ("0812 3456 7890", "phone", "0812 3456 7890")],
    ids=["a-name", "a-phone-number"],
)
def test_desk_create_keeps_the_name_or_phone_just_searched(client_for, query, field, value):
    response = client_for("desk_officer").get(reverse("registry:desk-create"), {"q": query})
    assert response.context["form"].initial == {field: value}
    switch = response.content.decode()
    assert f"q={query.replace(' ', '%20')}" in switch  # switching the kind of requester keeps it too


def test_desk_officer_verifies_an_online_requester_who_shows_the_original(client_for):
    requester = RequesterFactory(verification_status="unverified")
    client = client_for("desk_officer")
    response = client.post(reverse("registry:desk-verify", args=[requester.pk]) + f"?next={NEXT}")
    assert response.status_code == 302 and f"requester={requester.pk}" in response["Location"]
    requester.refresh_from_db()
    assert requester.verification_status == "verified" and requester.verified_by == client.user
    assert requester.verifications.get().method == "desk"


def test_online_claim_verified_at_the_desk_merges_into_the_desk_record(client_for):
    desk = DeskRequesterFactory(nik="3578010101800001")
    claim = account_registered(
        email="budi@example.org", password="Sandi-Panjang-2026", kind="person", full_name="Budi", nik=desk.nik
    )
    document_add(claim)
    requester_verification_submit(requester=claim, actor=claim.user)
    from registry.services import requester_verify_at_desk

    record = requester_verify_at_desk(requester=claim, officer=client_for("desk_officer").user)
    assert record.pk == desk.pk and record.user.email == "budi@example.org"


def test_pending_claims_do_not_show_in_desk_search(client_for):
    desk = DeskRequesterFactory(nik="3578010101800001")
    account_registered(email="c@example.org", password="Sandi-Panjang-2026", kind="person", full_name="C", nik=desk.nik)
    response = client_for("desk_officer").get(reverse("registry:desk-search"), {"q": desk.nik})
    assert [found for found, _url, _can_verify in response.context["results"]] == [desk]
