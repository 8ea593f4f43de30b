"""The public face: page titles, one date style, the English catalogue, demo data with an identity and
documents."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from ppid.law import InformationCategory
from ppid.models import InformationItem, OfficeSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


PUBLIC_PAGES = ["home", "service-charter", "dip-list", "working-calendar", "login", "requests:status", "registry:register"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_page_title_names_the_page_then_the_office_once(client, name):
    page = client.get(reverse(name)).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    parts = [part.strip() for part in title.split("·")]
    assert len(parts) == len(set(parts)) == 2 and parts[-1] == "PPID Kabupaten Contoh", title


def test_closed_days_read_closed_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("home")).content.decode()
    assert ">Closed<" in page and ">Close<" not in page


def test_text_dates_are_long_indonesian_dates(client):
    page = client.get(reverse("working-calendar"), {"tahun": 2026, "received_on": "2026-12-14", "received_time": "10:00"}).content.decode()
    assert "Senin, 14 Desember 2026" in page
    text = re.sub(r"<[^>]+>", " ", page)
    assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", text)  # no 14-12-2026 in running text


def test_the_menu_collapses_behind_a_labelled_button(client):
    page = client.get(reverse("home")).content.decode()
    assert 'data-bs-toggle="collapse"' in page and 'aria-controls="menu-utama"' in page and 'id="menu-utama"' in page
    assert "<script>" not in page and " style=" not in page  # the Content-Security-Policy allows neither


def test_demo_data_fills_the_office_identity_and_gives_dip_items_documents(client, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    row = OfficeSettings.objects.get()
    assert row.body_name and row.address and row.city and row.ppid_official_nip and row.atasan_official_name
    assert row.logo.name.startswith("office/logo-")
    open_items = InformationItem.objects.exclude(category=InformationCategory.EXEMPT)
    assert open_items.exists() and all(item.document for item in open_items)
    assert not InformationItem.objects.get(category=InformationCategory.EXEMPT).document
    response = client.get(reverse("dip-document", args=[open_items.first().pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    # A second run keeps what is there.
    logo = row.logo.name
    call_command("load_demo", stdout=StringIO())
    assert OfficeSettings.objects.get().logo.name == logo
