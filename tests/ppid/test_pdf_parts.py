"""A long print laid out in parts, in one process or in several, read back from the PDF: the same
pages, numbered "k / N", one structure tree; a failing or stuck child fails the document."""

import datetime as dt
import gc
import io
import logging
import os
import re
import threading
from zoneinfo import ZoneInfo

import pikepdf
import pytest
from pdfminer.high_level import extract_text

from ppid import forked, pdf_parts
from requests.exports import register_pdf_build
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
PERIOD = {"date_from": "2026-11-01", "date_to": "2026-11-30"}
ROWS = 4
COLUMNS = 16  # the printed register's columns with its "No."


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def four_parts(monkeypatch, office):
    """Four requests in the period, each its own part of the print."""
    monkeypatch.setattr("requests.exports.PRINT_PART_ROWS", 1)
    return [InformationRequestFactory(received_at=dt.datetime(2026, 11, day, 9, 0, tzinfo=WIB)) for day in (3, 4, 5, 6)]


def build(owner, *, processes, monkeypatch, settings):
    """The register print built as the background job builds it, with ``processes`` allowed."""
    settings.PPID_PRINT_PROCESSES = processes
    # The test process may hold an idle thread of an earlier test (a live server): the fork is allowed here.
    monkeypatch.setattr(pdf_parts, "fork_is_safe", lambda: True)
    output, steps = io.BytesIO(), []
    register_pdf_build(owner=owner, params=PERIOD, output=output, progress=lambda done, total: steps.append((done, total)))
    return output.getvalue(), steps


@pytest.fixture
def child_pids(monkeypatch):
    """The pids of the children the print forks (the test process has children of its own: a moto server, a browser)."""
    pids, fork = [], forked.ForkedChild.fork.__func__

    def recording(cls, *args, **kwargs):
        child = fork(cls, *args, **kwargs)
        pids.append(child.pid)
        return child

    monkeypatch.setattr(forked.ForkedChild, "fork", classmethod(recording))
    return pids


def reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


PRINTED_MOMENT = re.compile(r"Dicetak pada .*? pukul \d{2}\.\d{2} WIB")


def page_texts(pdf: bytes) -> list[str]:
    """Each page's words; the printed moment made one, as two builds compared may straddle a minute."""
    pages = [" ".join(page.split()) for page in extract_text(io.BytesIO(pdf)).split("\f") if page.strip()]
    return [PRINTED_MOMENT.sub("Dicetak pada (saat cetak)", page) for page in pages]


def structure(pdf: bytes):
    """The structure elements by type, every element ID, each page's parent-tree key, and the roots in the file."""
    document = pikepdf.open(io.BytesIO(pdf))
    tree = document.Root.StructTreeRoot
    counts, ids, stack = {}, [], list(tree.K)
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            counts[str(element.S)] = counts.get(str(element.S), 0) + 1
            if "/ID" in element:
                ids.append(str(element.ID))
            kids = element.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if isinstance(kids, pikepdf.Dictionary) else [])
    roots = sum(1 for thing in document.objects if isinstance(thing, pikepdf.Dictionary) and thing.get("/Type") == "/StructTreeRoot")
    page_keys = [int(page.obj.StructParents) for page in document.pages]
    return document, counts, ids, page_keys, roots


def one_file(owner, monkeypatch) -> bytes:
    """The same parts as WeasyPrint writes them in one file: the structure tree to compare a joined print with."""
    from ppid.pdf import render_document, write_pdf

    def in_one_file(template_name, contexts, *, progress=None):
        return write_pdf([render_document(template_name, context) for context in contexts])

    monkeypatch.setattr("requests.exports.render_pdf_in_parts", in_one_file)
    output = io.BytesIO()
    register_pdf_build(owner=owner, params=PERIOD, output=output, progress=lambda done, total: None)
    monkeypatch.setattr("requests.exports.render_pdf_in_parts", pdf_parts.render_pdf_in_parts)
    return output.getvalue()


def test_two_processes_print_the_same_pages_as_one_numbered_across_the_whole(four_parts, make_user, monkeypatch, settings, caplog):
    owner = make_user("ppid")
    with caplog.at_level(logging.INFO, logger="ppid.pdf_parts"):
        alone, alone_steps = build(owner, processes=1, monkeypatch=monkeypatch, settings=settings)
        together, together_steps = build(owner, processes=2, monkeypatch=monkeypatch, settings=settings)
    assert "laid out 4 parts in 1 process(es)" in caplog.text and "laid out 4 parts in 2 process(es)" in caplog.text
    pages = page_texts(together)
    assert pages == page_texts(alone)
    assert len(pages) == ROWS
    assert [page.rsplit(" ", 3)[-3:] for page in pages] == [[str(k), "/", str(ROWS)] for k in range(1, ROWS + 1)]
    text = " ".join(pages)
    assert all(request.register_number in text for request in four_parts)
    assert [text.index(request.register_number) for request in four_parts] == sorted(text.index(r.register_number) for r in four_parts)
    assert text.count("Buku Register Permohonan Informasi Publik") == 1 + ROWS  # the heading, then each page's footer
    # Every part is counted once as it is laid out, wherever; the writing is the last step.
    assert alone_steps == [(1, 5), (2, 5), (3, 5), (4, 5)]
    assert together_steps[-1] == (4, 5) and [done for done, _ in together_steps] == sorted({done for done, _ in together_steps})


@pytest.mark.parametrize("parts_per_file", [1, 8], ids=["a file per part", "one file per process"])
def test_the_joined_print_keeps_one_structure_tree_for_a_screen_reader(four_parts, make_user, monkeypatch, settings, parts_per_file):
    owner = make_user("ppid")
    weasyprint_own = structure(one_file(owner, monkeypatch))
    monkeypatch.setattr(pdf_parts, "PARTS_PER_FILE", parts_per_file)
    document, counts, ids, page_keys, roots = structure(build(owner, processes=2, monkeypatch=monkeypatch, settings=settings)[0])
    assert counts == weasyprint_own[1]  # the elements WeasyPrint writes when it lays out the parts as one file
    assert counts["/Document"] == 1 and counts["/Table"] == ROWS
    assert counts["/TD"] == ROWS * COLUMNS and counts["/TH"] == ROWS * COLUMNS  # each page repeats the header row
    assert len(ids) == ROWS * COLUMNS and len(set(ids)) == len(ids)  # each header cell named once in the file
    assert roots == 1  # no part's own root left behind
    # Each page points at its own entry of the parent tree, and every entry is there once.
    nums = document.Root.StructTreeRoot.ParentTree.Nums
    keys = [int(key) for key in nums[::2]]
    assert len(set(keys)) == len(keys) and set(page_keys) <= set(keys) and len(set(page_keys)) == ROWS
    marked = dict(zip(keys, nums[1::2]))
    for page, key in zip(document.pages, page_keys):
        assert all(element.Pg.objgen == page.obj.objgen for element in marked[key])
        # The page number is drawn as a pagination artifact, outside the tree.
        assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in page.obj.Contents[-1].read_bytes()
    # A data cell's headers are the header cells of its own page.
    for element in marked[page_keys[-1]]:
        if str(element.S) == "/TD" and "/A" in element:
            assert all(str(name).startswith("f") for name in element.A.Headers)
    assert str(document.Root.Lang) == "id" and document.Root.MarkInfo.Marked


def test_a_child_that_fails_fails_the_document_and_leaves_no_process(four_parts, make_user, monkeypatch, settings, child_pids):
    parent = os.getpid()
    layout = pdf_parts.html_layout

    def failing_in_a_child(html, **kwargs):
        if os.getpid() != parent:
            raise ValueError("a part that cannot be laid out")
        return layout(html, **kwargs)

    monkeypatch.setattr(pdf_parts, "html_layout", failing_in_a_child)
    thresholds = gc.get_threshold()
    with pytest.raises(forked.ChildFailed, match=r"child 1 ended without its result \(exit status 1"):
        build(make_user("ppid"), processes=2, monkeypatch=monkeypatch, settings=settings)
    assert child_pids and all(reaped(pid) for pid in child_pids)
    assert gc.get_threshold() == thresholds  # the collector is back as it was


def test_a_child_may_not_use_the_database_it_shares_with_its_parent(four_parts, make_user, monkeypatch, settings):
    from ppid.models import OfficeSettings

    parent = os.getpid()
    html = pdf_parts.document_html

    def querying_in_a_child(*args, **kwargs):
        if os.getpid() != parent:
            OfficeSettings.objects.count()
        return html(*args, **kwargs)

    monkeypatch.setattr(pdf_parts, "document_html", querying_in_a_child)
    with pytest.raises(forked.ChildFailed):
        build(make_user("ppid"), processes=2, monkeypatch=monkeypatch, settings=settings)
    assert OfficeSettings.objects.count() >= 0  # this process's connection still works


def test_a_stuck_child_is_stopped(four_parts, make_user, monkeypatch, settings, child_pids):
    parent = os.getpid()
    layout = pdf_parts.html_layout

    def stuck_in_a_child(html, **kwargs):
        if os.getpid() != parent:
            threading.Event().wait()
        return layout(html, **kwargs)

    monkeypatch.setattr(pdf_parts, "html_layout", stuck_in_a_child)
    monkeypatch.setattr(forked, "CHILD_SILENCE_SECONDS", 1)
    with pytest.raises(forked.ChildFailed, match="reported nothing for 1 s"):
        build(make_user("ppid"), processes=2, monkeypatch=monkeypatch, settings=settings)
    assert child_pids and all(reaped(pid) for pid in child_pids)


def test_a_fork_refused_by_the_system_leaves_the_parts_to_this_process(four_parts, make_user, monkeypatch, settings, caplog):
    owner = make_user("ppid")
    alone = build(owner, processes=1, monkeypatch=monkeypatch, settings=settings)[0]
    descriptors = len(os.listdir("/proc/self/fd"))

    def refused():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    with caplog.at_level(logging.INFO, logger="ppid.pdf_parts"):
        pdf, steps = build(owner, processes=2, monkeypatch=monkeypatch, settings=settings)
    assert "could not fork for group 1" in caplog.text and "laid out 4 parts in 1 process(es)" in caplog.text
    assert page_texts(pdf) == page_texts(alone) and steps == [(1, 5), (2, 5), (3, 5), (4, 5)]
    assert len(os.listdir("/proc/self/fd")) == descriptors  # the pipe and the file made for the child are closed


def test_no_child_is_forked_while_another_thread_runs(four_parts, make_user, settings, caplog):
    settings.PPID_PRINT_PROCESSES = 2
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not pdf_parts.fork_is_safe()
        with caplog.at_level(logging.INFO, logger="ppid.pdf_parts"):
            register_pdf_build(owner=make_user("ppid"), params=PERIOD, output=io.BytesIO(), progress=lambda done, total: None)
    finally:
        stop.set()
        thread.join()
    assert "laid out 4 parts in 1 process(es)" in caplog.text


def test_processes_follow_the_setting_and_the_cores(settings, monkeypatch):
    settings.PPID_PRINT_PROCESSES = 3
    assert pdf_parts.print_processes() == 3
    settings.PPID_PRINT_PROCESSES = 0
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)))
    assert pdf_parts.print_processes() == 4
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert pdf_parts.print_processes() == 1
    assert [len(group) for group in pdf_parts._groups(list(range(43)), 2)] == [22, 21]
    assert [len(group) for group in pdf_parts._groups(list(range(4)), 3)] == [2, 1, 1]
