"""The requester takes an answered objection to the Komisi Informasi; the dispute desk records the registration,
the preliminary examination, the start of mediation and a mediation hearing, and prints the dossier.
The objection and the Atasan's answer are set up in the database. Every page is checked with axe-core."""

import pytest
from django.utils import timezone

from objections.models import Dispute
from ppid.generated import generated_file_build
from ppid.models import GeneratedFile
from ppid.workdays import OfficeCalendar
from tests.objections.dispute_factories import make_answer, make_objection
from tests.ppid.factories import TEST_PASSWORD, UnitFactory
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory

from .helpers import logout, nav_go


def click(page, name, role="link"):
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_the_requester_escalates_and_the_dispute_desk_records_a_mediation_and_prints_the_dossier(
    page, live_server, make_user, login, assert_accessible, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr("ppid.generated._dispatch", lambda job_id: None)  # no worker: the dossier waits until built below
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(tmp_path), "base_url": None}}}
    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    atasan = make_user("atasan_ppid", unit=main)
    desk = make_user("dispute_desk", unit=main, first_name="Dewi", last_name="Lestari")
    requester = RequesterFactory()
    calendar = OfficeCalendar()
    now = timezone.now()
    today = calendar.local_date(now)
    request = InformationRequestFactory(requester=requester, unit=main, received_at=now - timezone.timedelta(days=90))
    objection = make_objection(request, submitted_at=now - timezone.timedelta(days=60), grounds=("c",))
    make_answer(objection, answered_at=now, answered_by=atasan, received_on=today)

    # The requester: "I take it to the Komisi Informasi".
    login(page, requester.user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/sengketa/keberatan/{objection.pk}/ajukan/")
    assert_accessible(page)
    page.get_by_label("Alasan Anda (tidak wajib)").fill("Saya tidak puas dengan tanggapan atasan PPID.")
    page.get_by_label("Saya menyatakan mengajukan permohonan penyelesaian sengketa informasi ke Komisi Informasi.").check()
    click(page, "Ajukan sengketa", role="button")
    assert "Pengajuan sengketa Anda dicatat." in page.content()
    dispute = Dispute.objects.get(objection=objection)
    assert dispute.filed_via == "requester"
    logout(page)

    # The dispute desk starts on its queue and records the stages.
    login(page, desk.username, TEST_PASSWORD)
    assert page.get_by_role("heading", name="Penyelesaian sengketa").is_visible()
    assert_accessible(page)
    click(page, str(objection))
    assert_accessible(page)
    click(page, "Catat registrasi Komisi Informasi")
    assert_accessible(page)
    page.get_by_label("Tingkat Komisi Informasi").select_option("provinsi")
    page.get_by_label("Nama Komisi Informasi").fill("Komisi Informasi Provinsi Contoh")
    page.get_by_label("Nomor registrasi sengketa").fill("031/REG-PSI/2026")
    page.get_by_label("Tanggal registrasi").fill(today.isoformat())
    click(page, "Simpan", role="button")
    assert "Registrasi dicatat." in page.content()
    click(page, "Catat pemeriksaan awal")
    page.get_by_label("Tanggal").fill(today.isoformat())
    click(page, "Simpan", role="button")
    click(page, "Mulai mediasi")
    assert_accessible(page)
    page.get_by_label("Tanggal").fill(today.isoformat())
    click(page, "Simpan", role="button")
    assert page.locator("#dispute-stage").inner_text() == "Mediasi"
    click(page, "Catat sidang")
    assert_accessible(page)
    page.get_by_label("Waktu sidang (waktu kantor)").fill(f"{today.isoformat()}T08:00")
    page.get_by_label("Agenda sidang").fill("Mediasi pertama")
    page.get_by_label("Tempat").fill("Ruang mediasi Komisi Informasi")
    page.get_by_label("Yang hadir").fill("Atasan PPID, petugas sengketa, pemohon")
    page.get_by_label("Risalah sidang").fill("Para pihak sepakat bertemu lagi pekan depan.")
    click(page, "Simpan", role="button")
    assert "Sidang dicatat." in page.content() and "Mediasi pertama" in page.content()
    assert_accessible(page, screenshot="dispute-detail")
    dispute.refresh_from_db()
    assert dispute.mediation_due == calendar.add_working_days(today, 14)

    # The dossier for the Komisi Informasi: built in the background, followed on its progress page.
    click(page, "Buat berkas sengketa (PDF)", role="button")
    job = GeneratedFile.objects.get(owner=desk)
    assert page.locator("#status-berkas").inner_text() == "Menunggu giliran"
    assert_accessible(page)
    generated_file_build(file_id=job.pk, now=timezone.now())  # as the worker would
    page.locator("#unduh-berkas").wait_for(state="visible", timeout=10000)  # the page's script saw it finish
    with page.expect_download() as download:
        page.locator("#unduh-berkas").click()
    assert download.value.suggested_filename.startswith("berkas-sengketa-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    nav_go(page, "Sengketa")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_dispute_desk_pages_on_a_phone(page, live_server, make_user, login, assert_accessible):
    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    atasan = make_user("atasan_ppid", unit=main)
    desk = make_user("dispute_desk", unit=main)
    calendar = OfficeCalendar()
    now = timezone.now()
    today = calendar.local_date(now)
    request = InformationRequestFactory(unit=main, received_at=now - timezone.timedelta(days=90))
    objection = make_objection(request, submitted_at=now - timezone.timedelta(days=60), grounds=("c",))
    make_answer(objection, answered_at=now, answered_by=atasan, received_on=today)
    eligible = make_objection(InformationRequestFactory(unit=main), submitted_at=now - timezone.timedelta(days=60))
    make_answer(eligible, answered_at=now, answered_by=atasan, received_on=today)
    from tests.objections.dispute_factories import make_dispute

    dispute = make_dispute(objection, filed_on=today, stage=Dispute.Stage.REGISTRATION, registered_on=today,
                           commission="Komisi Informasi Provinsi Contoh", ki_registration_number="031/REG-PSI/2026")
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, desk.username, TEST_PASSWORD)
    paths = ["/sengketa/", f"/sengketa/{dispute.pk}/", f"/sengketa/keberatan/{eligible.pk}/catat/"] + [
        f"/sengketa/{dispute.pk}/{step}/" for step in ("pemeriksaan-awal", "mediasi", "ajudikasi", "sidang", "dokumen")
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)
    # A refused step shows its reason, accessibly too.
    response = page.goto(f"{live_server.url}/sengketa/{dispute.pk}/putusan/")
    assert response.status == 409 and page.locator("#refusal").is_visible()
    assert_accessible(page)
