"""A requester objects to a pasal 17 refusal, the Atasan PPID overturns it, and the PPID hands the
information over. Every page visited is checked with axe-core."""

import pytest
from django.utils import timezone

from objections.models import Objection
from requests.models import InformationRequest
from requests.services import decision
from tests.ppid.factories import TEST_PASSWORD, UnitFactory
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory
from tests.requests.processing_helpers import exempt_review


def logout(page):
    from tests.e2e.helpers import logout as helper_logout

    helper_logout(page)


@pytest.mark.django_db(transaction=True)
def test_requester_objects_to_a_pasal_17_refusal_the_atasan_overturns_and_the_ppid_hands_it_over(
    page, width, live_server, make_user, login, assert_accessible
):
    main = UnitFactory(code="ppid-utama", name="PPID Utama", kind="utama")
    reviewer = make_user("classification_reviewer", unit=main)
    ppid = make_user("ppid", unit=main, first_name="Siti", last_name="Rahma")
    atasan = make_user("atasan_ppid", unit=main, first_name="Hendra", last_name="Gunawan")
    requester = RequesterFactory()
    request = InformationRequestFactory(
        requester=requester, unit=main, delivery_method="pick_up", information_wanted="Kontrak pengadaan alat kesehatan 2025"
    )
    now = timezone.now()
    exempt_review(request, reviewer, now=now)
    decision.request_decide(request_id=request.pk, decision="refused", delivery_method="email", actor=ppid, now=now)

    # The requester objects from the request page.
    login(page, requester.user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/saya/{request.pk}/proses/")
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Ajukan keberatan").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.locator("#id_ground_g").count() == 0 and page.locator("#id_ground_c").count() == 0
    page.locator("#id_ground_a").check()
    page.locator("#id_reason_a").fill("Kontrak pengadaan dibiayai APBD dan wajib diumumkan.")
    page.get_by_role("button", name="Ajukan keberatan").click()
    page.wait_for_load_state()
    objection = Objection.objects.get()
    assert objection.register_number in page.content()
    assert page.locator("#status").inner_text() == "Diterima dan diregister"
    assert_accessible(page)
    logout(page)

    # The Atasan PPID starts on the queue, reads the file and overturns the refusal.
    login(page, atasan.username, TEST_PASSWORD)
    assert page.url.endswith("/keberatan/atasan/")
    assert_accessible(page)
    page.get_by_role("link", name=objection.register_number).first.click()
    page.wait_for_load_state()
    assert "Uji kepentingan publik" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Beri tanggapan tertulis").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Keberatan diterima", exact=True).check()
    page.get_by_label("Pertimbangan dan isi tanggapan").fill("Kontrak pengadaan adalah informasi yang wajib tersedia setiap saat.")
    page.get_by_label("Perintahkan PPID memberikan informasi").select_option("granted")
    page.get_by_label("Jangka waktu pelaksanaan oleh PPID (hari kerja)").fill("10")
    page.get_by_role("button", name="Terbitkan tanggapan").click()
    page.wait_for_load_state()
    assert "Tanggapan atasan PPID diterbitkan." in page.content()
    assert_accessible(page)
    request.refresh_from_db()
    assert (request.status, request.decision) == (InformationRequest.Status.DECIDED, "granted")
    logout(page)

    # The PPID hands the information over.
    login(page, ppid.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/permohonan/kelola/{request.pk}/")
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Catat penyerahan informasi").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == InformationRequest.Status.FULFILLED
    logout(page)

    # The requester reads the answer, with the right to go to the Komisi Informasi, and accepts it.
    login(page, requester.user.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/keberatan/saya/{objection.pk}/")
    page.wait_for_load_state()
    assert "Komisi Informasi" in page.locator("#answer").inner_text()
    assert "tepat waktu" in page.locator("#tahap-compliance").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Terima tanggapan atasan PPID").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Terima tanggapan").click()
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "Selesai"
