import datetime as dt
import hashlib

import pytest

from ppid.models import IssuedDocument


@pytest.mark.django_db(transaction=True)
def test_a_citizen_checks_a_letter_by_choosing_its_pdf_which_never_leaves_the_device(page, live_server, tmp_path, assert_accessible):
    genuine = b"%PDF-1.7 surat asli"
    IssuedDocument.objects.create(
        token="kode-uji-e2e", kind="notice_decision", title="Pemberitahuan tertulis", number="0001/SP-PPID/III/2026",
        issued_on=dt.date(2026, 3, 12), sha256=hashlib.sha256(genuine).hexdigest(),
    )
    (tmp_path / "asli.pdf").write_bytes(genuine)
    (tmp_path / "ubahan.pdf").write_bytes(genuine + b" diubah")
    page.goto(live_server.url + "/verifikasi-surat/kode-uji-e2e/")
    assert "0001/SP-PPID/III/2026" in page.locator("#surat-tercatat").inner_text()
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_label("Pilih berkas PDF surat").set_input_files(str(tmp_path / "asli.pdf"))
    assert page.locator("#hasil-verifikasi").inner_text().startswith("Cocok")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_label("Pilih berkas PDF surat").set_input_files(str(tmp_path / "ubahan.pdf"))
    assert page.locator("#hasil-verifikasi").inner_text().startswith("Tidak cocok")
