"""The public "Kinerja layanan" page (small counts suppressed) and the open data (schema, licence)."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from reports.public import FIELD_NAMES, suppressed
from tests.reports.factories import october_world

pytestmark = pytest.mark.django_db
# The public page shows "this year": the clock is set inside 2025 for these tests.
IN_2025 = "2025-12-15T10:00:00+07:00"


@pytest.fixture
def world(office, make_user):
    return october_world(office, make_user("ppid", unit=office["main"]))


def test_small_counts_are_suppressed_below_the_threshold():
    assert [suppressed(n, 5) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_public_page_suppresses_small_counts_and_shows_no_personal_data(client, world, settings):
    settings.PPID_PUBLIC_MIN_COUNT = 5
    with time_machine.travel(IN_2025, tick=False):
        response = client.get(reverse("reports:public"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kinerja layanan informasi publik 2025" in html
    assert '<td class="text-end">&lt; 5</td>' in html  # e.g. one request by letter
    assert '<td class="text-end">10</td>' in html  # ten registered requests in 2025 (R1-R10 but the incomplete one)
    for request in world.values():
        assert request.requester.full_name not in html
        assert request.register_number not in html
    assert "angka=" not in html  # no drill-down links for the public


def test_public_page_with_threshold_one_shows_every_count(client, world, settings):
    settings.PPID_PUBLIC_MIN_COUNT = 1
    with time_machine.travel(IN_2025, tick=False):
        html = client.get(reverse("reports:public")).content.decode()
    assert '<td class="text-end">&lt;' not in html


def test_open_data_json_has_the_documented_schema_licence_and_suppression(client, world, settings):
    settings.PPID_PUBLIC_MIN_COUNT = 2
    with time_machine.travel(IN_2025, tick=False):
        data = client.get(reverse("reports:open-data-json"), {"tahun": "2025"}).json()
    assert data["dataset"] == "kinerja-layanan-informasi-publik" and data["schema_version"] == 1
    assert data["licence"]["name"] == "CC BY 4.0" and data["licence"]["url"].startswith("https://")
    assert [field["name"] for field in data["fields"]] == list(FIELD_NAMES)
    assert data["suppression"]["min_count"] == 2
    for row in data["rows"]:
        assert list(row) == list(FIELD_NAMES)
        assert all(row[name] is None or row[name] == 0 or row[name] >= 2 for name in FIELD_NAMES[4:])
    october_main = next(row for row in data["rows"] if (row["month"], row["unit_code"]) == (10, "ppid-utama"))
    # PPID Utama in October: R1, R2, R4, R5, R6, R9 = 6; granted R1 and R4 = 2; objections O1, O2, O3 = 3; refused 1 -> null.
    assert (october_main["requests_received"], october_main["granted"], october_main["objections_received"]) == (6, 2, 3)
    assert october_main["refused"] is None and october_main["not_held"] == 0


def test_open_data_csv_has_the_same_stable_columns(client, world):
    with time_machine.travel(IN_2025, tick=False):
        response = client.get(reverse("reports:open-data-csv"), {"tahun": "2025"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(FIELD_NAMES)
    assert len(rows) == 1 + 4  # (Sep, Utama), (Oct, Utama), (Oct, Kesehatan), (Nov, Utama)
    assert "license" in response["Link"]


def test_open_data_refuses_a_year_in_the_future_or_malformed(client):
    with time_machine.travel(IN_2025, tick=False):
        assert client.get(reverse("reports:open-data-json"), {"tahun": "2031"}).status_code == 404
        assert client.get(reverse("reports:open-data-json"), {"tahun": "２０２５"}).status_code == 404
