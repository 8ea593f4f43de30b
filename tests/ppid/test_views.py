import pytest
from django.urls import reverse

from ppid.roles import STAFF_ROLES

pytestmark = pytest.mark.django_db


def test_home_and_login_pages_speak_indonesian(client):
    assert "Layanan Informasi Publik" in client.get(reverse("home")).content.decode()
    page = client.get(reverse("login")).content.decode()
    assert 'lang="id"' in page and "Masuk ke portal" in page


def test_home_page_can_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert 'lang="en"' in page
    assert "Public Information Service" in page


def test_every_indonesian_message_has_a_compiled_english_translation():
    import gettext
    import re
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
    source = (folder / "django.po").read_text(encoding="utf-8")
    untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n\n', source)
    assert untranslated == []
    with open(folder / "django.mo", "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    msgids = re.findall(r'^msgid "(.+)"$', source, flags=re.MULTILINE)
    assert len(catalog._catalog) >= len(msgids)



def test_pages_carry_a_skip_link_and_a_content_security_policy(client):
    response = client.get(reverse("home"))
    assert 'href="#konten"' in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_calendar_page_is_open_to_citizens_and_answers_for_now(client):
    response = client.get(reverse("working-calendar"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="jawaban-tenggat"' in page and "Jika Anda mengajukan permohonan sekarang" in page
    assert 'id="hasil-tenggat"' not in page  # every stage's deadline is for staff


def test_citizen_calculator_answers_when_a_request_must_be_answered(client):
    page = client.get(reverse("working-calendar"), {"received_on": "2026-03-11", "received_time": "17:00"}).content.decode()
    assert "Kamis, 12 Maret 2026" in page  # after closing: counted from the next working day
    assert 'datetime="2026-04-02"' in page
    assert "setelah jam layanan tutup" in page
    assert "Hari Suci Nyepi" in page  # the days not counted, with their names


def test_calendar_page_is_open_to_requesters_without_the_staff_stage_table(client_for):
    response = client_for("requester").get(reverse("working-calendar"), {"received_on": "2026-03-11", "received_time": "10:00"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'datetime="2026-04-01"' in page and 'id="hasil-tenggat"' not in page


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_calendar_page_is_open_to_every_staff_role(client_for, role):
    assert client_for(role).get(reverse("working-calendar")).status_code == 200


def test_calendar_lists_holidays_with_their_source(client_for):
    page = client_for("desk_officer").get(reverse("working-calendar"), {"tahun": 2026}).content.decode()
    assert "Hari Suci Nyepi" in page
    assert "cuti bersama" in page


def test_calendar_calculator_gives_1_april_for_11_march_2026(client_for):
    response = client_for("desk_officer").get(
        reverse("working-calendar"), {"received_on": "2026-03-11", "received_time": "10:00"}
    )
    page = response.content.decode()
    assert "Rabu, 11 Maret 2026" in page
    assert "Rabu, 1 April 2026" in page


def test_calendar_calculator_reports_bad_input_in_indonesian(client_for):
    response = client_for("desk_officer").get(
        reverse("working-calendar"), {"received_on": "11-03-2026x", "received_time": "25:00"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Masukkan tanggal yang valid" in page or "tanggal yang valid" in page
    assert 'id="hasil-tenggat"' not in page


def test_roles_exist_as_groups_after_migrate():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"requester", "desk_officer", "classification_reviewer", "ppid", "ppid_pembantu", "atasan_ppid",
            "dispute_desk", "verifier", "admin"} <= names


def test_admin_registers_every_model():
    from django.apps import apps
    from django.contrib import admin

    ours = [m for m in apps.get_models() if m._meta.app_label in {"ppid", "registry", "requests", "objections", "reports"}]
    missing = [m.__name__ for m in ours if m not in admin.site._registry]
    assert missing == []


def test_interface_is_indonesian_even_when_the_browser_prefers_english(client):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in page
