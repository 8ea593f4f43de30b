"""The public pages: home with hours and the maklumat pelayanan; the Daftar Informasi Publik."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppid.law import InformationCategory
from ppid.models import InformationItem, ServiceHours
from ppid.roles import ROLE_LABELS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def item(office, **kwargs):
    values = dict(title="Laporan keuangan 2025", unit=office["main"], category=InformationCategory.PERIODIC)
    values.update(kwargs)
    return InformationItem.objects.create(**values)


# -- home -------------------------------------------------------------------------------------
def test_home_reads_service_hours_from_the_office_data(client):
    ServiceHours.objects.filter(weekday=0).update(opens_at=dt.time(7, 30), closes_at=dt.time(15, 45))
    page = client.get(reverse("home")).content.decode()
    assert "07.30–15.45" in page  # times written the Indonesian way (pukul 07.30)
    assert "10 hari kerja" in page and "7 hari kerja" in page
    assert "tanpa biaya" in page


def test_home_carries_the_maklumat_pelayanan(client):
    page = client.get(reverse("home")).content.decode()
    for part in ("Maklumat Pelayanan", "Dasar hukum", "Prosedur", "Jangka waktu", "Biaya", "Jaminan pelayanan",
                 "Undang-Undang Nomor 14 Tahun 2008"):
        assert part in page, part
    assert reverse("service-charter") in page


def test_maklumat_page_prints_large(client):
    page = client.get(reverse("service-charter")).content.decode()
    assert "charter-large" in page and "<h1" in page and "Jaminan pelayanan" in page


# -- the list ---------------------------------------------------------------------------------
def test_dip_lists_published_items_by_category_and_unit(client, office):
    periodic = item(office, title="Laporan keuangan 2025")
    any_time = item(office, title="SOP pelayanan", category=InformationCategory.ANY_TIME, unit=office["health"])
    hidden = item(office, title="Draf belum terbit", is_published=False)
    page = client.get(reverse("dip-list")).content.decode()
    assert periodic.title in page and any_time.title in page and hidden.title not in page

    by_category = client.get(reverse("dip-list"), {"kategori": "setiap_saat"}).content.decode()
    assert any_time.title in by_category and periodic.title not in by_category
    by_unit = client.get(reverse("dip-list"), {"unit": office["health"].pk}).content.decode()
    assert any_time.title in by_unit and periodic.title not in by_unit
    searched = client.get(reverse("dip-list"), {"q": "keuangan"}).content.decode()
    assert periodic.title in searched and any_time.title not in searched


def test_exempt_items_are_listed_with_their_legal_basis_and_no_document(client, office):
    exempt = item(office, title="Data rekam medis", category=InformationCategory.EXEMPT,
                  legal_basis="UU KIP pasal 17 huruf h; UU 17/2023 tentang Kesehatan")
    page = client.get(reverse("dip-list"), {"kategori": "dikecualikan"}).content.decode()
    assert exempt.title in page and "UU 17/2023 tentang Kesehatan" in page
    assert client.get(reverse("dip-document", args=[exempt.pk])).status_code == 404


def test_unpublished_item_detail_is_hidden_from_the_public(client, office):
    hidden = item(office, is_published=False)
    assert client.get(reverse("dip-detail", args=[hidden.pk])).status_code == 404


# -- maintenance ------------------------------------------------------------------------------
@pytest.mark.parametrize("role", sorted(ROLE_LABELS))
def test_dip_create_permission_matrix(client_for, role):
    allowed = role in {"ppid", "admin"}
    assert client_for(role).get(reverse("dip-create")).status_code == (200 if allowed else 403)


def test_dip_create_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("dip-create"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_ppid_adds_an_any_time_item_with_a_document_downloadable_without_a_request(client, client_for, office):
    staff = client_for("ppid", unit=office["main"])
    content = pdf_bytes()
    response = staff.post(
        reverse("dip-create"),
        {
            "title": "Standar pelayanan informasi",
            "unit": office["main"].pk,
            "category": InformationCategory.ANY_TIME,
            "format": "PDF",
            "is_published": "on",
            "document_upload": SimpleUploadedFile("sop.pdf", content, content_type="application/pdf"),
        },
    )
    created = InformationItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dip-detail", args=[created.pk])
    assert created.document.name.endswith(".pdf") and "sop" not in created.document.name

    client.logout()
    download = client.get(reverse("dip-document", args=[created.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "Unduh dokumen" in client.get(reverse("dip-detail", args=[created.pk])).content.decode()


def test_a_forged_document_is_refused(client_for, office):
    staff = client_for("ppid", unit=office["main"])
    response = staff.post(
        reverse("dip-create"),
        {
            "title": "Berkas palsu",
            "unit": office["main"].pk,
            "category": InformationCategory.ANY_TIME,
            "is_published": "on",
            "document_upload": SimpleUploadedFile("palsu.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert not InformationItem.objects.exists()


def test_exempt_item_needs_a_legal_basis(client_for, office):
    staff = client_for("ppid", unit=office["main"])
    response = staff.post(
        reverse("dip-create"),
        {"title": "Rahasia", "unit": office["main"].pk, "category": InformationCategory.EXEMPT, "is_published": "on"},
    )
    assert response.status_code == 200
    assert "dasar hukumnya" in response.content.decode()
    assert not InformationItem.objects.exists()


def test_dip_edit_sends_anonymous_visitors_to_login_and_changes_nothing(client, office):
    existing = item(office)
    url = reverse("dip-edit", args=[existing.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    response = client.post(url, {"title": "Diubah tanpa masuk", "unit": office["main"].pk,
                                 "category": InformationCategory.PERIODIC, "is_published": "on"})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    existing.refresh_from_db()
    assert existing.title == "Laporan keuangan 2025"


def test_ppid_edits_an_item_and_desk_officer_cannot(client_for, office):
    existing = item(office)
    assert client_for("desk_officer").get(reverse("dip-edit", args=[existing.pk])).status_code == 403
    staff = client_for("ppid", unit=office["main"])
    response = staff.post(
        reverse("dip-edit", args=[existing.pk]),
        {"title": "Laporan keuangan 2025 (audited)", "unit": office["main"].pk, "category": InformationCategory.PERIODIC,
         "is_published": "on", "link": "https://example.org/laporan"},
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.title == "Laporan keuangan 2025 (audited)" and existing.link == "https://example.org/laporan"
