"""One request from online submission to a delivered notice, through the running portal and its worker.

Runs only with PPID_SMOKE_JOURNEY=1: it creates a real request (on a demo or staging server).
The notice email is sent after the decision; the journey waits for the request's history to
say so, as the desk would see it, and with PPID_SMOKE_MAIL_DIR also finds the email in the
folder where the worker's file email backend writes (a web process writing elsewhere fails it).
"""

from __future__ import annotations

import email
import re
import secrets
import time
from pathlib import Path

import pytest

from .conftest import smoke_env

pytestmark = pytest.mark.skipif(smoke_env("JOURNEY") != "1", reason="set PPID_SMOKE_JOURNEY=1 to create a request")

EMAILED_EVENT = "Pemberitahuan dikirim lewat email"
REGISTER_NUMBER = re.compile(r"\b\d{1,6}/[A-Z-]*PPID/[IVXLC]+/\d{4}\b")
WAIT_SECONDS = 90


def _wait_for(condition, *, seconds=WAIT_SECONDS, every=1.0):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def _mails(folder: Path):
    """Every message the file email backend wrote in ``folder`` (one file per connection, messages separated)."""
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                yield email.message_from_bytes(chunk.lstrip())


def _mail_text(message) -> str:
    parts = [message.get("Subject", "")]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace"))
    return "\n".join(parts)


def test_online_request_reaches_a_delivered_notice_sent_by_the_worker(logged_in):
    requester = logged_in(smoke_env("REQUESTER", "warga@contoh.id"))
    marker = f"uji-asap-{secrets.token_hex(4)}"

    # 1. The requester submits online; the request is complete on arrival and gets its number.
    submitted = requester.form_submit(
        "permohonan/ajukan/",
        {
            "information_wanted": f"Daftar penerima beasiswa daerah tahun ini ({marker})",
            "purpose": "Uji asap setelah pemasangan",
            "obtain_method": "soft_copy",
            "delivery_method": "email",
        },
    )
    assert submitted.status in (302, 303), f"submission answered {submitted.status}: {submitted.text[:2000]}"
    detail_url = requester.absolute(submitted.location, page=submitted.url)
    request_id = re.search(r"/(\d+)/", detail_url).group(1)
    detail = requester.get(detail_url)
    assert detail.status == 200 and marker in detail.text
    number = REGISTER_NUMBER.search(detail.text)
    assert number, "the request page shows no register number"
    receipt = requester.get(f"permohonan/saya/{request_id}/tanda-bukti.pdf")
    assert receipt.status == 200 and receipt.body.startswith(b"%PDF-"), f"receipt PDF: HTTP {receipt.status}"

    # 2. The PPID decides (on the second app server, when there is one): the notice is numbered, rendered, stored.
    officer = logged_in(smoke_env("DECIDER", "ppid"), smoke_env("SECOND_URL") or None)
    decided = officer.form_submit(f"permohonan/kelola/{request_id}/putuskan/", {"decision": "granted", "delivery_method": "email"})
    assert decided.status in (302, 303), f"decision answered {decided.status}: {decided.text[:2000]}"

    # 3. The notice email goes out after commit (by the worker); the history says so.
    staff_page = _wait_for(lambda: (page := officer.get(f"permohonan/kelola/{request_id}/")).status == 200 and EMAILED_EVENT in page.text and page)
    assert staff_page, f"no '{EMAILED_EVENT}' in the request's history within {WAIT_SECONDS} s"

    # 4. The requester downloads the notice from the portal (stored by the other server, if two).
    own = requester.get(f"permohonan/saya/{request_id}/proses/")
    assert own.status == 200
    links = re.findall(r'href="([^"]*/berkas/pemberitahuan/\d+/)"', own.text)
    assert links, "the requester's page links no notice"
    notice = requester.get(links[0])
    assert notice.status == 200 and notice.body.startswith(b"%PDF-"), f"notice PDF: HTTP {notice.status}"

    # 5. Where the worker's mail folder is known, the notice email is there (not in the web server's).
    mail_dir = smoke_env("MAIL_DIR")
    if mail_dir:
        found = _wait_for(lambda: any(number.group(0) in _mail_text(m) for m in _mails(Path(mail_dir))), seconds=30)
        assert found, f"no email about {number.group(0)} in the worker's mail folder {mail_dir}"
