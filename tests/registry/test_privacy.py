import io
import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from pdfminer.high_level import extract_text

from registry.models import IdentityAccessLog
from registry.services import requester_verification_reject, requester_verification_submit
from registry.templatetags.identity import nik_mask
from tests.registry.factories import RequesterFactory, document_add

pytestmark = pytest.mark.django_db

NIK = "3201010101900001"


def test_nik_mask_keeps_only_the_region_and_the_serial():
    assert nik_mask(NIK) == "3201********0001"
    assert nik_mask("") == "" and nik_mask(None) == ""


@pytest.mark.parametrize(
    "role, full", [("verifier", True), ("desk_officer", True), ("ppid", False), ("classification_reviewer", False)]
)
def test_nik_filter_shows_the_full_number_only_with_view_full_nik(make_user, role, full):
    rendered = Template("{% load identity %}{{ nik|nik_for:user }}").render(Context({"nik": NIK, "user": make_user(role)}))
    assert rendered == (NIK if full else "3201********0001")


def test_requester_sees_own_nik_masked_on_the_profile(requester_client):
    requester = RequesterFactory(nik=NIK)
    page = requester_client(requester).get(reverse("registry:profile")).content.decode()
    assert "3201********0001" in page and NIK not in page


def test_profile_always_shows_state_and_rejection_reason(requester_client, make_user):
    requester = RequesterFactory(verification_status="unverified")
    client = requester_client(requester)
    assert "Belum diajukan" in client.get(reverse("registry:profile")).content.decode()
    document_add(requester)
    requester_verification_submit(requester=requester, actor=requester.user)
    assert "Menunggu verifikasi" in client.get(reverse("registry:profile")).content.decode()
    requester_verification_reject(requester=requester, verifier=make_user("verifier"), reason="KTP terpotong")
    page = client.get(reverse("registry:profile")).content.decode()
    assert "Ditolak" in page and "KTP terpotong" in page and "Ajukan verifikasi kembali" in page


def test_json_export_holds_everything_about_the_requester_and_is_logged(requester_client, make_user):
    requester = RequesterFactory(nik=NIK, verification_status="unverified", address="Jl. Rahasia 9")
    document = document_add(requester)
    requester_verification_submit(requester=requester, actor=requester.user)
    requester_verification_reject(requester=requester, verifier=make_user("verifier"), reason="Buram")
    response = requester_client(requester).get(reverse("registry:personal-data-json"))
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profil"]["nik"] == NIK and data["profil"]["alamat"] == "Jl. Rahasia 9"
    assert data["akun"]["email"] == requester.user.email
    assert data["dokumen_identitas"][0]["sha256"] == document.sha256
    assert [row["hasil"] for row in data["keputusan_verifikasi"]] == ["Diajukan oleh pemohon", "Ditolak"]
    assert data["keputusan_verifikasi"][-1]["alasan"] == "Buram"
    assert IdentityAccessLog.objects.filter(requester=requester, action="export").exists()


def test_pdf_export_is_a_real_pdf_with_the_data(requester_client):
    requester = RequesterFactory(nik=NIK, full_name="Rina Kartika")
    response = requester_client(requester).get(reverse("registry:personal-data-pdf"))
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "private, no-store"
    text = extract_text(io.BytesIO(response.content))
    assert "Rina Kartika" in text and NIK in text and "Terverifikasi" in text
    assert IdentityAccessLog.objects.filter(requester=requester, action="export", description__contains="PDF").exists()


def test_profile_states_the_retention_period(requester_client, settings):
    settings.PPID_IDENTITY_RETENTION_DAYS = 400
    page = requester_client(RequesterFactory()).get(reverse("registry:profile")).content.decode()
    assert "400 hari" in page


def test_exports_include_the_requesters_requests(requester_client):
    from tests.requests.factories import InformationRequestFactory

    requester = RequesterFactory(nik=NIK)
    request = InformationRequestFactory(requester=requester, information_wanted="Data APBD 2025")
    InformationRequestFactory(information_wanted="Milik orang lain")
    client = requester_client(requester)
    data = json.loads(client.get(reverse("registry:personal-data-json")).content)
    sections = {section["kunci"]: section["baris"] for section in data["lainnya"]}
    assert [row["kode_pelacakan"] for row in sections["permohonan"]] == [request.tracking_code]
    assert sections["keberatan"] == []
    text = " ".join(extract_text(io.BytesIO(client.get(reverse("registry:personal-data-pdf")).content)).split())
    # The running footer of a page break may fall inside a line of text: read the body without it.
    text = re.sub(r"Data pribadi yang disimpan tentang Anda \d+ / \d+ ", "", text)
    assert "Data APBD 2025" in text and "Milik orang lain" not in text
