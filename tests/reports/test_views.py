"""The report pages and files, the drill-down, the narrative and the daily report."""

import io
import zipfile

import pytest
from django.urls import reverse

from reports.models import ReportNarrative
from tests.reports.factories import at

pytestmark = pytest.mark.django_db


def test_monthly_report_page_shows_each_figure_with_a_chart_a_table_and_links_to_the_requests(ppid_client):
    response = ppid_client.get(reverse("reports:report"), {"periode": "2025-10"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Oktober 2025" in html
    assert html.count("<svg") >= 10 and 'aria-hidden="true"' in html
    assert "angka=channel&amp;nilai=online" in html
    assert "Permohonan menurut saluran" in html and "Ketepatan waktu pemberitahuan tertulis" in html


@pytest.mark.parametrize("params, label", [
    ({"jenis": "month", "bulan": "2025-10"}, "Oktober 2025"),
    ({"jenis": "quarter", "tahun": "2025", "triwulan": "4"}, "Triwulan IV 2025"),
    ({"jenis": "year", "tahun": "2025"}, "Tahun 2025"),
    ({"jenis": "custom", "dari": "2025-10-01", "sampai": "2025-10-15"}, "01-10-2025 s.d. 15-10-2025"),
])
def test_period_pickers_month_quarter_year_and_custom(ppid_client, params, label):
    response = ppid_client.get(reverse("reports:report"), params)
    assert response.status_code == 200
    assert label in response.content.decode()


def test_a_bad_period_is_answered_with_the_form_error_in_indonesian(ppid_client):
    response = ppid_client.get(reverse("reports:report"), {"jenis": "custom", "dari": "2025-10-15", "sampai": "2025-10-01"})
    assert response.status_code == 200
    assert "tanggal akhir tidak boleh sebelum tanggal awal" in response.content.decode()


def test_unit_filter_narrows_the_report(ppid_client, world):
    response = ppid_client.get(reverse("reports:report"), {"periode": "2025-10", "unit": world["office"]["health"].pk})
    assert "2 permohonan teregister" in response.content.decode()


def test_drilldown_lists_exactly_the_requests_behind_a_count(ppid_client, world):
    r = world["requests"]
    response = ppid_client.get(reverse("reports:drilldown"), {"periode": "2025-10", "angka": "timeliness", "nilai": "late"})
    html = response.content.decode()
    assert response.status_code == 200
    assert r[4].register_number in html and r[1].register_number not in html
    assert ppid_client.get(reverse("reports:drilldown"), {"periode": "2025-10", "angka": "nothing", "nilai": "x"}).status_code == 404


def test_pembantu_staff_see_only_their_units_figures(client, world, make_user):
    officer = make_user("ppid", unit=world["office"]["health"])
    client.force_login(officer)
    response = client.get(reverse("reports:report"), {"periode": "2025-10"})
    assert "2 permohonan teregister" in response.content.decode()


def test_csv_and_xlsx_carry_numbers_as_numbers(ppid_client):
    csv_text = ppid_client.get(reverse("reports:report-csv"), {"periode": "2025-10"}).content.decode("utf-8-sig")
    assert "Oktober 2025,Semua unit,Permohonan menurut saluran,Daring (portal),4,50.0" in csv_text
    xlsx = ppid_client.get(reverse("reports:report-xlsx"), {"periode": "2025-10"}).content
    sheet = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>4</v>" in sheet and "<v>50.0</v>" in sheet


def test_narrative_is_saved_per_year_and_shown_in_the_annual_report(ppid_client):
    url = reverse("reports:narrative", args=[2025])
    assert ppid_client.get(url).status_code == 200
    response = ppid_client.post(url, {"policy": "Kebijakan A", "obstacles": "Kendala B", "recommendations": "Saran C"})
    assert response.status_code == 302
    assert ReportNarrative.objects.get(year=2025).obstacles == "Kendala B"
    ppid_client.post(url, {"policy": "Kebijakan A2", "obstacles": "", "recommendations": ""})
    assert ReportNarrative.objects.count() == 1 and ReportNarrative.objects.get(year=2025).policy == "Kebijakan A2"
    html = ppid_client.get(reverse("reports:report"), {"periode": "2025"}).content.decode()
    assert "Kebijakan A2" in html


def test_narrative_refuses_control_characters_and_saves_nothing(ppid_client):
    response = ppid_client.post(reverse("reports:narrative", args=[2025]), {"policy": "a\x00b", "obstacles": "", "recommendations": ""})
    assert response.status_code == 200 and "karakter kontrol" in response.content.decode()
    assert not ReportNarrative.objects.exists()


def test_daily_report_of_a_desk_officer(client, world, make_user):
    from requests.models import InformationRequest

    officer = make_user("desk_officer", unit=world["office"]["main"])
    InformationRequest.objects.filter(pk=world["requests"][1].pk).update(received_by=officer)
    client.force_login(officer)
    response = client.get(reverse("reports:daily"), {"tanggal": "2025-10-01"})
    assert response.status_code == 200
    assert world["requests"][1].register_number in response.content.decode()
    other = make_user("desk_officer", unit=world["office"]["main"])
    assert client.get(reverse("reports:daily"), {"petugas": other.pk}).status_code == 403


def test_report_page_queries_are_constant(ppid_client, django_assert_max_num_queries, world):
    with django_assert_max_num_queries(40):
        ppid_client.get(reverse("reports:report"), {"periode": "2025-10"})
    assert at("2025-10-01")


def test_pickers_show_the_period_in_force_so_changing_the_unit_keeps_it(ppid_client, world):
    html = ppid_client.get(reverse("reports:report"), {"periode": "2025-T4"}).content.decode()
    assert '<option value="quarter" selected>' in html and 'value="2025"' in html
    response = ppid_client.get(reverse("reports:report"), {"jenis": "quarter", "tahun": "2025", "triwulan": "4",
                                                           "unit": world["office"]["health"].pk})
    assert "Triwulan IV 2025" in response.content.decode() and "2 permohonan teregister" in response.content.decode()


def test_a_figures_total_links_to_all_its_requests(ppid_client, world):
    r = world["requests"]
    html = ppid_client.get(reverse("reports:report"), {"periode": "2025-10"}).content.decode()
    assert "angka=timeliness&amp;nilai=%2A" in html
    listed = ppid_client.get(reverse("reports:drilldown"), {"periode": "2025-10", "angka": "timeliness", "nilai": "*"}).content.decode()
    assert all(r[n].register_number in listed for n in (1, 2, 3, 4, 7))
    assert r[6].register_number not in listed
