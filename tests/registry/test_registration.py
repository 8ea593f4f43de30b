import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from registry.models import Requester
from tests.registry.factories import DeskRequesterFactory, RequesterFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-Panjang-2026"
NIK = "3201014501900001"  # a woman born 5 January 1990 (day + 40)


def person_data(**overrides):
    return {
        "email": "siti@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Siti Aminah",
        "nik": NIK,
        "address": "Jl. Merdeka 1",
        "occupation": "Guru",
        "phone": "081234567890",
        **overrides,
    }


def register(client, kind="person", **overrides):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the mail goes after commit
        return client.post(reverse("registry:register-kind", args=[kind]), person_data(**overrides))


def confirm(client):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.get(confirmation_link())


def confirmation_link():
    return re.search(r"https?://\S+/konfirmasi-email/\S+/", mail.outbox[-1].body).group(0)


def test_person_registers_and_gets_an_inactive_account_and_a_confirmation_email(client):
    response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("registry:register-done")
    requester = Requester.objects.get(nik=NIK)
    assert requester.kind == "person" and requester.verification_status == "unverified"
    assert requester.user.email == "siti@example.org" and not requester.user.is_active
    assert requester.user.groups.filter(name="requester").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["siti@example.org"]


def test_confirmation_link_activates_the_account_and_login_works_with_email_or_nik(client):
    register(client)
    response = confirm(client)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    requester = Requester.objects.get(nik=NIK)
    assert requester.user.is_active and requester.email_confirmed_at is not None
    for identifier in ("siti@example.org", "SITI@example.org", NIK):
        client.logout()
        response = client.post(reverse("login"), {"username": identifier, "password": PASSWORD})
        assert response.status_code == 302, identifier


def test_login_is_refused_before_the_email_is_confirmed(client):
    register(client)
    response = client.post(reverse("login"), {"username": NIK, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_forged_confirmation_link_is_refused(client):
    register(client)
    link = confirmation_link()
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 400
    assert "tidak sah" in response.content.decode()
    assert not get_user_model().objects.get(email="siti@example.org").is_active


def test_registration_form_shows_entity_fields_only_to_entities(client):
    person = client.get(reverse("registry:register-kind", args=["person"])).content.decode()
    entity = client.get(reverse("registry:register-kind", args=["legal_entity"])).content.decode()
    group = client.get(reverse("registry:register-kind", args=["community_group"])).content.decode()
    assert 'name="deed_number"' not in person and 'name="entity_name"' not in person
    assert 'name="deed_number"' in entity and 'name="decree_number"' in entity
    assert "NIK wakil" in entity
    assert 'name="deed_number"' in group and 'name="decree_number"' not in group


def test_unknown_kind_of_requester_is_not_found(client):
    assert client.get(reverse("registry:register-kind", args=["alien"])).status_code == 404


def test_legal_entity_registers_with_deed_and_decree(client):
    response = register(
        client,
        "legal_entity",
        entity_name="Yayasan Terang",
        deed_number="12",
        deed_date="2015-03-02",
        decree_number="AHU-0001.AH.01.04.2015",
        representative_is_named_in_deed="",
    )
    assert response.status_code == 302
    requester = Requester.objects.get(entity_name="Yayasan Terang")
    assert requester.kind == "legal_entity" and requester.nik == NIK
    assert requester.representative_is_named_in_deed is False


def test_entity_form_requires_its_deed(client):
    response = register(client, "legal_entity")
    errors = response.context["form"].errors
    assert response.status_code == 200 and not Requester.objects.exists()
    assert {"entity_name", "deed_number", "deed_date", "decree_number"} <= set(errors)


@pytest.mark.parametrize(
    "nik, message",
    [
        ("32010145019000", "16 angka"),
        ("3201014501900O01", "16 angka"),
        ("3201014501900００1", "16 angka"),
        ("9901014501900001", "kode provinsi"),
        ("3201013213900001", "tanggal lahir"),
        ("3201010101900000", "0000"),
    ],
)
def test_bad_nik_gets_one_clear_message(client, nik, message):
    response = register(client, nik=nik)
    errors = response.context["form"].errors["nik"]
    assert len(errors) == 1 and message in errors[0]
    assert not Requester.objects.exists()


def test_a_known_email_gets_the_same_answer_and_its_owner_is_told_by_mail(client):
    RequesterFactory(user__email="siti@example.org")
    unknown = register(client, email="baru@example.org", nik="3201014501900002")
    known = register(client, email="Siti@Example.org")
    assert known.status_code == unknown.status_code == 302 and known["Location"] == unknown["Location"]
    assert get_user_model().objects.filter(email__iexact="siti@example.org").count() == 1
    to_owner = [message for message in mail.outbox if message.to == ["siti@example.org"]]
    assert len(to_owner) == 1 and "sudah terdaftar" in to_owner[0].body and "konfirmasi-email" not in to_owner[0].body


def test_a_nik_of_an_account_gets_the_same_answer_and_is_not_taken_at_confirmation(client):
    owner = RequesterFactory(nik=NIK, user__email="pemilik@example.org")
    response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("registry:register-done")
    newcomer = Requester.objects.get(user__email="siti@example.org")
    assert newcomer.nik == NIK and newcomer.email_confirmed_at is None  # unconfirmed: holds nothing yet
    response = confirm(client)
    newcomer.refresh_from_db()
    assert newcomer.user.is_active and newcomer.nik is None
    assert Requester.objects.get(nik=NIK) == owner
    assert any(message.to == ["pemilik@example.org"] and "NIK" in message.subject for message in mail.outbox)


def test_an_unconfirmed_registration_cannot_squat_a_nik(client):
    register(client, email="penyerobot@example.org")  # never confirmed
    mail.outbox.clear()
    assert register(client, email="pemilik@example.org").status_code == 302
    confirm(client)
    owner = Requester.objects.get(user__email="pemilik@example.org")
    assert owner.nik == NIK and owner.user.is_active and owner.claimed_requester is None


def test_representative_of_an_entity_may_also_register_as_a_person(client):
    RequesterFactory(kind="legal_entity", nik=NIK, entity_name="PT Contoh", deed_number="1")
    assert register(client).status_code == 302
    assert Requester.objects.filter(nik=NIK).count() == 2


def test_registration_with_the_nik_of_a_desk_record_becomes_a_claim_once_confirmed(client):
    desk = DeskRequesterFactory(nik=NIK)
    assert register(client).status_code == 302
    claim = Requester.objects.get(user__email="siti@example.org")
    assert claim.claimed_requester is None
    confirm(client)
    claim.refresh_from_db()
    assert claim.claimed_requester == desk and claim.verification_status == "unverified"
    desk.refresh_from_db()
    assert desk.user is None


def test_password_mismatch_and_weak_password_are_refused(client):
    response = register(client, password2="lain-lagi-123")
    assert "tidak sama" in response.context["form"].errors["password2"][0]
    response = register(client, password1="12345678", password2="12345678")
    assert response.context["form"].errors["password1"]
    assert not Requester.objects.exists()


def test_logged_in_requester_is_sent_from_registration_to_the_profile(requester_client):
    client = requester_client(RequesterFactory())
    response = client.get(reverse("registry:register"))
    assert response.status_code == 302 and response["Location"] == reverse("registry:profile")


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    requester = RequesterFactory(user__email="budi@example.org")
    response = client.post(reverse("password_reset"), {"email": "budi@example.org"})
    assert response.status_code == 302
    link = re.search(r"https?://\S+/sandi/atur/\S+/", mail.outbox[-1].body).group(0)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Sandi-Baru-2026x", "new_password2": "Sandi-Baru-2026x"})
    assert response.status_code == 302
    requester.user.refresh_from_db()
    assert requester.user.check_password("Sandi-Baru-2026x")


def test_password_reset_pages_speak_indonesian(client):
    assert "Lupa kata sandi" in client.get(reverse("password_reset")).content.decode()


def test_login_page_links_to_registration_and_password_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("registry:register") in page and reverse("password_reset") in page


def test_confirmation_link_can_be_sent_again_without_revealing_accounts(client):
    register(client)
    mail.outbox.clear()
    response = client.post(reverse("registry:email-resend"), {"email": "SITI@example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("registry:register-done")
    assert len(mail.outbox) == 1
    confirm(client)
    response = client.post(reverse("registry:email-resend"), {"email": "tidak-ada@example.org"})
    assert response["Location"] == reverse("registry:register-done")
    client.post(reverse("registry:email-resend"), {"email": "siti@example.org"})  # already confirmed
    assert len(mail.outbox) == 1


def test_confirmation_link_used_twice_stays_harmless(client):
    register(client)
    assert confirm(client).status_code == 302
    assert confirm(client).status_code == 302
    assert Requester.objects.get(nik=NIK).user.is_active
