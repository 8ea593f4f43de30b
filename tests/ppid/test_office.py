"""The office identity (Pengaturan kantor): defaults, the administrator's values, stand-ins, the logo,
the vetted colour themes, and the identity on pages and on printed documents."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ppid.models import OfficeSettings
from ppid.office import THEMES, office_identity, office_settings_save
from ppid.validators import nip_display, validate_nip
from tests.registry.files import TRAILER, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DAY = dt.date(2026, 12, 14)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def settings_row(**fields):
    row = OfficeSettings.current()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    return row


def png_of(width, height) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (10, 61, 107)).save(output, format="PNG")
    return output.getvalue()


# -- the selector ---------------------------------------------------------------------------------
def test_identity_falls_back_on_the_deployment_settings(settings):
    settings.PPID_OFFICE_NAME = "PPID Kota Contoh"
    settings.PPID_BODY_NAME = "Pemerintah Kota Contoh"
    settings.PPID_OFFICE_CITY = "Contoh"
    identity = office_identity(on=DAY)
    assert (identity.ppid_name, identity.body_name, identity.city) == ("PPID Kota Contoh", "Pemerintah Kota Contoh", "Contoh")
    assert identity.theme == "biru" and identity.logo_url == "" and not identity.ppid_signatory


def test_identity_uses_what_the_administrator_set():
    settings_row(ppid_name="PPID Kabupaten Bima", body_name="Pemerintah Kabupaten Bima", city="Raba", phone="(0374) 43100",
                 email="ppid@bimakab.go.id", website="https://ppid.bimakab.go.id/", theme="hijau")
    identity = office_identity(on=DAY)
    assert identity.ppid_name == "PPID Kabupaten Bima" and identity.city == "Raba"
    assert identity.theme_class == "theme-hijau" and identity.website_label == "ppid.bimakab.go.id"


def test_an_unknown_theme_falls_back_on_the_default():
    settings_row(theme="neon")
    assert office_identity(on=DAY).theme == "biru"


def test_a_stand_in_signs_within_the_dates_of_the_assignment():
    settings_row(
        ppid_official_name="Drs. Ahmad Fauzi", ppid_official_position="Kepala Dinas Kominfo", ppid_official_nip="197503122000031002",
        ppid_standin_name="Rina Kartika", ppid_standin_nip="198204172006042003", ppid_standin_kind="Plh.",
        ppid_standin_from=dt.date(2026, 12, 10), ppid_standin_until=dt.date(2026, 12, 18),
    )
    before = office_identity(on=dt.date(2026, 12, 9)).ppid_signatory
    during = office_identity(on=DAY).ppid_signatory
    after = office_identity(on=dt.date(2026, 12, 19)).ppid_signatory
    assert before.name == after.name == "Drs. Ahmad Fauzi" and before.signing_position == "Kepala Dinas Kominfo"
    assert during.name == "Rina Kartika" and during.signing_position == "Plh. Kepala Dinas Kominfo"
    assert during.nip_display == "19820417 200604 2 003"


def test_a_stand_in_without_an_end_date_signs_until_further_notice():
    settings_row(atasan_official_name="Ir. Bambang", atasan_official_position="Sekretaris Daerah", atasan_standin_name="Dra. Wati",
                 atasan_standin_kind="Plt.", atasan_standin_from=dt.date(2026, 1, 1))
    signatory = office_identity(on=DAY).atasan_signatory
    assert signatory.name == "Dra. Wati" and signatory.signing_position == "Plt. Sekretaris Daerah"


def test_a_stand_in_needs_a_kind_a_first_day_and_an_end_not_before_it():
    row = OfficeSettings(ppid_standin_name="Rina", atasan_standin_from=dt.date(2026, 2, 1), atasan_standin_until=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as refused:
        row.clean()
    assert {"ppid_standin_kind", "ppid_standin_from", "atasan_standin_until"} <= set(refused.value.message_dict)


@pytest.mark.parametrize("nip", ["19750312200003100", "1975031220000310021", "19750312 200003 1 002", "١٩٧٥٠٣١٢٢٠٠٠٠٣١٠٠٢"])
def test_a_nip_is_18_ascii_digits(nip):
    with pytest.raises(ValidationError):
        validate_nip(nip)


def test_a_nip_is_printed_in_its_groups():
    validate_nip("197503122000031002")
    assert nip_display("197503122000031002") == "19750312 200003 1 002"


# -- the admin: Pengaturan kantor -------------------------------------------------------------------
@pytest.fixture
def admin_client(client, make_user):
    user = make_user("admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def admin_url(pk=1):
    return reverse("admin:ppid_officesettings_change", args=[pk])


def test_the_settings_list_goes_straight_to_the_one_row(admin_client):
    response = admin_client.get(reverse("admin:ppid_officesettings_changelist"))
    assert response.status_code == 302 and response["Location"] == admin_url()
    assert admin_client.get(admin_url()).status_code == 200


def test_office_settings_are_for_administrators_only(client, client_for):
    assert client.get(reverse("admin:ppid_officesettings_changelist")).status_code == 302
    assert client_for("ppid").get(reverse("admin:ppid_officesettings_changelist")).status_code == 302


def test_the_admin_saves_a_logo_checked_by_content_and_a_nip_typed_with_spaces(admin_client):
    OfficeSettings.current()
    logo = SimpleUploadedFile("logo.png", png_bytes(appended=True), content_type="image/png")
    response = admin_client.post(admin_url(), {
        "ppid_name": "PPID Kabupaten Contoh", "theme": "merah", "ppid_official_nip": "19750312 200003 1 002", "logo_upload": logo,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    row = OfficeSettings.objects.get()
    assert row.ppid_official_nip == "197503122000031002" and row.theme == "merah"
    assert re.fullmatch(r"office/logo-[0-9a-f]{16}\.png", row.logo.name)
    stored = row.logo.read()
    assert stored.startswith(b"\x89PNG") and TRAILER not in stored and b"AlamatRahasia" not in stored  # re-encoded


@pytest.mark.parametrize(
    "name,content",
    [("logo.pdf", b"%PDF-1.4 not an image"), ("logo.png", b"<script>alert(1)</script>")],
    ids=["a-pdf", "a-forged-png"],
)
def test_the_admin_refuses_a_logo_that_is_not_an_image(admin_client, name, content):
    OfficeSettings.current()
    response = admin_client.post(admin_url(), {"ppid_name": "PPID", "logo_upload": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert not OfficeSettings.objects.get().logo


def test_a_large_logo_is_scaled_down():
    row = office_settings_save(row=OfficeSettings(), logo_upload=SimpleUploadedFile("big.png", png_of(2000, 1000)))
    with Image.open(row.logo.open("rb")) as image:
        assert image.size == (512, 256)


def test_a_new_logo_replaces_the_old_file(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = office_settings_save(row=OfficeSettings(), logo_upload=SimpleUploadedFile("a.png", png_of(64, 64))).logo.name
    with django_capture_on_commit_callbacks(execute=True):
        second = office_settings_save(row=OfficeSettings.current(), logo_upload=SimpleUploadedFile("b.png", png_of(64, 64))).logo.name
    storage = OfficeSettings.current().logo.storage
    assert first != second and storage.exists(second) and not storage.exists(first)


# -- the logo on the web, and the identity on pages --------------------------------------------------
def test_the_logo_is_served_publicly_under_its_current_name_only(client):
    row = office_settings_save(row=OfficeSettings(), logo_upload=SimpleUploadedFile("a.png", png_of(64, 64)))
    url = office_identity(on=DAY).logo_url
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(reverse("office-logo", args=["logo-0000000000000000.png"])).status_code == 404
    assert client.get(reverse("office-logo", args=["..%2Fsecret.png"])).status_code == 404
    assert row.logo.name.endswith(url.rsplit("/", 1)[-1])


def test_no_logo_answers_404(client):
    assert client.get(reverse("office-logo", args=["logo.png"])).status_code == 404


def test_every_page_carries_the_office_in_its_header_and_footer(client):
    office_settings_save(
        row=settings_row(body_name="Pemerintah Kabupaten Contoh", address="Jl. Sudirman No. 1", phone="(0123) 456789",
                         email="ppid@contohkab.go.id", theme="ungu"),
        logo_upload=SimpleUploadedFile("a.png", png_of(64, 64)),
    )
    for name in ("home", "dip-list", "working-calendar", "login"):
        page = client.get(reverse(name)).content.decode()
        assert 'class="theme-ungu"' in page
        assert 'class="brand-logo"' in page and "Pemerintah Kabupaten Contoh" in page
        assert "Jl. Sudirman No. 1" in page and 'href="tel:(0123)456789"' in page and "ppid@contohkab.go.id" in page
        assert "Undang-Undang Nomor 14 Tahun 2008" in page  # the legal basis in the footer


def test_the_service_charter_names_the_responsible_official_and_the_contacts(client):
    settings_row(ppid_official_name="Drs. Ahmad Fauzi", ppid_official_position="Kepala Dinas Kominfo",
                 ppid_official_nip="197503122000031002", city="Contoh", address="Jl. Sudirman No. 1")
    page = client.get(reverse("service-charter")).content.decode()
    block = page[page.index('id="maklumat-penanggung-jawab"'):]
    assert "Drs. Ahmad Fauzi" in block and "Kepala Dinas Kominfo" in block and "19750312 200003 1 002" in block
    assert "Jl. Sudirman No. 1" in page[page.index('id="maklumat-alamat"'):]


def test_printed_documents_carry_the_letterhead_with_the_logo():
    from pdfminer.high_level import extract_text

    from ppid.pdf import render_pdf
    from tests.ppid.factories import UnitFactory

    office_settings_save(
        row=settings_row(body_name="Pemerintah Kabupaten Contoh", address="Jl. Sudirman No. 1", phone="(0123) 456789"),
        logo_upload=SimpleUploadedFile("a.png", png_of(64, 64)),
    )
    item = type("Item", (), {"title": "Contoh", "unit": UnitFactory(), "get_category_display": "berkala", "summary": "", "format": "PDF"})
    pdf = render_pdf("print/demo_dip_document.html", {"item": item})
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    assert "PEMERINTAH KABUPATEN CONTOH" in text and "Jl. Sudirman No. 1" in text and "(0123) 456789" in text
    assert b"/Image" in pdf  # the logo, inlined: the renderer fetches no URL


# -- the colour themes: every choice passes WCAG 2.1 AA --------------------------------------------------
THEMES_CSS = Path(django_settings.BASE_DIR) / "static" / "ppid" / "css" / "themes.css"
# Backgrounds a themed link or text sits on: white, Bootstrap's light tints (danger row, warning, striped, alert).
LIGHT_BACKGROUNDS = {"white": "#ffffff", "tertiary": "#f8f9fa", "danger": "#f8d7da", "warning": "#fff3cd", "striped": "#f2f2f2",
                     "footer": "#eef1f4", "info": "#cff4fc"}


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palettes() -> dict[str, dict[str, str]]:
    css = THEMES_CSS.read_text()
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        names = re.findall(r"\.theme-([a-z]+)", selectors)
        values = dict(re.findall(r"--ppid-([a-z-]+):\s*(#[0-9a-fA-F]{6})", body))
        for name in names:
            found[name] = values
    return found


def test_every_theme_choice_has_a_palette():
    assert set(THEMES) == set(palettes())


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_passes_aa_contrast(theme):
    colours = palettes()[theme]
    assert contrast("#ffffff", colours["primary"]) >= 4.5  # button text
    assert contrast("#ffffff", colours["header"]) >= 4.5  # the header band
    assert contrast("#ffffff", colours["primary-dark"]) >= 4.5
    assert contrast(colours["primary"], colours["subtle"]) >= 4.5  # the next-step panel
    for name, background in LIGHT_BACKGROUNDS.items():
        assert contrast(colours["primary"], background) >= 4.5, name  # links
        assert contrast(colours["primary-dark"], background) >= 4.5, name  # links in tinted rows and alerts
