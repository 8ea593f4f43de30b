"""Long printed documents (the registers of a period): laid out part by part, in several processes
where the machine has the cores, and written as one tagged PDF with its pages numbered "k / N".

WeasyPrint lays out a table of a month (about 2,500 rows, 40,000 cells) at about 18 ms a row on one
core, and a layout cannot be shared between processes. So the parts are split into contiguous groups;
this process lays out the first group and a forked child each other group, each group is written as
tagged PDFs of a few parts each, and the PDFs are joined with their structure trees (pikepdf):
WeasyPrint's tree of a document is one list of elements per page under one ``Document`` element, so
appending a file's elements and renumbering its parent tree gives the tree WeasyPrint would have
written for the whole. A group cannot know on which page it starts, so the parts are laid out
without the page number and every page is stamped afterwards with "k / N" from a document of N
empty pages laid out with the same page rules (the same box, font and place as WeasyPrint's own
footer), marked as a pagination artifact.

A child is forked only from a process with one thread (a Celery prefork worker, the bench, a test):
a fork copies one thread, and a lock another thread held at that moment would stay held in the child.
The child never uses the database (a query there would share this process's connection: it is
refused), dies with its parent, and leaves with ``os._exit``, so it closes nothing this process
still uses.
"""

from __future__ import annotations

import ctypes
import gc
import io
import logging
import os
import re
import select
import signal
import tempfile
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections

from .pdf import document_html, html_layout, linked_stylesheets_take, StaticFileFetcher, write_pdf

logger = logging.getLogger(__name__)

# A group is forked only when each process gets at least this many parts (a fork and the joining
# cost about what laying out one part does).
PARTS_PER_PROCESS_MIN = 2
# The collector while a long document is laid out (see _collector_for_a_long_layout): young
# collections every 10,000 new objects instead of 700, no full collection.
LONG_LAYOUT_YOUNG_THRESHOLD = 10_000
LONG_LAYOUT_NO_FULL_COLLECTION = 1_000_000
# Laid-out parts are written to a PDF this many at a time (and joined at the end): memory stays
# bounded (a month in one process held 950 MiB until its single write, 530 MiB written this way),
# and each file embeds its own subset of the fonts, so fewer, larger files stay smaller.
PARTS_PER_FILE = 8
# A child that reports no part for this long is taken as stuck: stopped, and the document fails.
CHILD_SILENCE_SECONDS = 600
# The parts are laid out without their page number; the stamp adds it (see page_numbers_stamp).
NO_PAGE_NUMBER_CSS = "@page { @bottom-right { content: none !important; } }"
MARGIN_BOXES = (
    "top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
    "bottom-left-corner", "bottom-left", "bottom-center", "bottom-right-corner",
    "left-top", "left-middle", "left-bottom", "right-top", "right-middle", "right-bottom",
)  # fmt: skip
# The numbers' document draws its footer's page number and nothing else: every other margin box is
# emptied, and each empty sheet is one page.
NUMBERS_ONLY_CSS = (
    "@page { "
    + " ".join(f"@{name} {{ content: none !important; }}" for name in MARGIN_BOXES)
    + " } .page-number-sheet { break-after: page; } .page-number-sheet:last-child { break-after: auto; }"
)
BODY = re.compile(r"<body[^>]*>.*</body>", re.DOTALL)
# Page numbers are pagination artifacts of the footer (ISO 32000-1, 14.8.2.2), outside the structure tree.
PAGE_NUMBER_ARTIFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q %s Do Q EMC"


def print_processes() -> int:
    """How many processes may lay out one long document: PPID_PRINT_PROCESSES, else the cores this process may use (up to 4)."""
    configured = getattr(settings, "PPID_PRINT_PROCESSES", None)
    if configured:
        return max(1, int(configured))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def fork_is_safe() -> bool:
    """True where a child may be forked: Linux, and this process runs a single thread (Python's or a library's)."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def render_pdf_in_parts(template_name: str, contexts, *, progress=None) -> bytes:
    """A long document laid out part by part (each a few pages) and written as one tagged PDF.

    ``progress(done, total)`` is called as each part is laid out, wherever; the total counts the
    writing as the last step. The pages are numbered "k / N" across all the parts.
    """
    import pikepdf

    from .office import office_identity

    contexts, office = list(contexts), office_identity()  # read once, for every part and every process
    if len(contexts) == 1:
        document = html_layout(document_html(template_name, contexts[0], office=office))
        if progress is not None:
            progress(1, 2)
        return write_pdf([document])
    # The first part's HTML gives the numbers' document its page rules; reading its stylesheets
    # here also keeps them in this process's cache, so no child fetches a static file.
    first_html = document_html(template_name, contexts[0], office=office)
    linked_stylesheets_take(first_html, StaticFileFetcher.build())
    processes = min(print_processes(), len(contexts) // PARTS_PER_PROCESS_MIN) if fork_is_safe() else 1
    groups = _groups(contexts, max(processes, 1))
    tracker = _Progress(total=len(contexts) + 1, report=progress)
    children = []
    with _collector_for_a_long_layout():  # set before forking: the children inherit it
        try:
            for index, group in enumerate(groups[1:], start=1):
                try:
                    children.append(_Child.fork(template_name, group, office, number=index, siblings=list(children)))
                except OSError as error:  # no process to spare now (EAGAIN, ENOMEM): the rest is laid out here
                    logger.warning("could not fork for group %d of the document (%s); laying it out here", index, error)
                    break
            tracker.children = children
            pdfs = _group_pdfs(template_name, groups[0], office, first_html=first_html, part_done=tracker.own_part_done)
            left_here = [context for group in groups[1 + len(children) :] for context in group]
            pdfs_left_here = _group_pdfs(template_name, left_here, office, part_done=tracker.own_part_done) if left_here else []
            pdfs.extend(_children_results(children, tracker))
            pdfs.extend(pdfs_left_here)
        finally:
            for child in children:
                child.stop()
        logger.info("laid out %d parts in %d process(es)", len(contexts), 1 + len(children))
        joined = pdf_join(pdfs)
        page_numbers_stamp(joined, first_html)
        output = io.BytesIO()
        joined.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


_collector_lock = threading.Lock()
_collector_users = 0
_collector_previous: tuple = ()


@contextmanager
def _collector_for_a_long_layout():
    """Python's cyclic garbage collector without its full collections while a long document is laid out.

    The parts laid out are kept until they are written: millions of live objects, which every
    full collection walks again. Measured on 600 rows: a quarter of the layout's time went to that
    (11.5 s against 9.3 s with these settings, 20 MB more memory); a receipt shows no difference.
    The young generations are still collected, less often, and most cycles WeasyPrint leaves behind
    go with them; the settings are restored once the last long layout of the process ends (two
    threads may each print one), and the next full collection frees the rest.
    """
    global _collector_users, _collector_previous
    with _collector_lock:
        if _collector_users == 0:
            _collector_previous = gc.get_threshold()
            gc.set_threshold(LONG_LAYOUT_YOUNG_THRESHOLD, _collector_previous[1], LONG_LAYOUT_NO_FULL_COLLECTION)
        _collector_users += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_users -= 1
            if _collector_users == 0:
                gc.set_threshold(*_collector_previous)


def _groups(contexts: list, processes: int) -> list[list]:
    """The parts in ``processes`` contiguous groups of nearly equal length, the first the longest."""
    size, extra = divmod(len(contexts), processes)
    groups, start = [], 0
    for index in range(processes):
        end = start + size + (1 if index < extra else 0)
        groups.append(contexts[start:end])
        start = end
    return groups


def _group_pdfs(template_name: str, contexts: list, office, *, first_html: str | None = None, part_done) -> list[bytes]:
    """A group's parts laid out in order and written as tagged PDFs of PARTS_PER_FILE parts each."""
    pdfs, documents = [], []
    for index, context in enumerate(contexts):
        html = first_html if index == 0 and first_html is not None else document_html(template_name, context, office=office)
        documents.append(html_layout(html, extra_css=NO_PAGE_NUMBER_CSS))
        part_done()
        if len(documents) == PARTS_PER_FILE:
            pdfs.append(write_pdf(documents))
            documents = []  # a laid-out part holds about 10 MiB until it is written
    if documents:
        pdfs.append(write_pdf(documents))
    return pdfs


@dataclass
class _Progress:
    total: int
    report: object
    children: list = field(default_factory=list)
    own: int = 0
    reported: int = 0

    def own_part_done(self) -> None:
        self.own += 1
        for child in self.children:
            child.read_progress()
        self.changed()

    def changed(self) -> None:
        done = self.own + sum(child.parts_done for child in self.children)
        if self.report is not None and done > self.reported:
            self.reported = done
            self.report(done, self.total)


class ChildFailed(RuntimeError):
    """A process laying out a group of parts ended without its PDFs."""


PART_DONE = b"."
GROUP_WRITTEN = b"!"
# Signals that would unwind a freshly forked child through the parent's stack (a Celery worker's
# SIGTERM handler raises SystemExit): blocked around the fork, default again in the child.
FORK_BLOCKED_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM})
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass
class _Child:
    pid: int
    pipe: int
    result_file: object
    number: int
    parts_done: int = 0
    written: bool = False
    finished: bool = False
    exit_status: int | None = None
    reaped: bool = False

    @classmethod
    def fork(cls, template_name: str, contexts: list, office, *, number: int, siblings: list) -> _Child:
        result_file = tempfile.TemporaryFile()
        read_end, write_end = os.pipe()
        parent = os.getpid()
        previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, FORK_BLOCKED_SIGNALS)
        try:
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
            for fd in (read_end, write_end):
                os.close(fd)
            result_file.close()
            raise
        if pid == 0:  # the child: lay out, write, leave without running anything of the parent's
            exit_code = 1
            try:
                _child_set_up(parent, previous_mask, closing=[read_end, *(sibling.pipe for sibling in siblings)])
                for pdf in _group_pdfs(template_name, contexts, office, part_done=lambda: os.write(write_end, PART_DONE)):
                    result_file.write(len(pdf).to_bytes(8, "big") + pdf)
                result_file.flush()
                os.write(write_end, GROUP_WRITTEN)
                exit_code = 0
            except BaseException:  # noqa: BLE001 - whatever it was, the parent must hear of it
                traceback.print_exc()
            finally:
                os._exit(exit_code)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid=pid, pipe=read_end, result_file=result_file, number=number)

    def read_progress(self) -> None:
        """Count what the child has reported so far, without waiting."""
        while not self.finished:
            try:
                data = os.read(self.pipe, 4096)
            except BlockingIOError:
                return
            if not data:  # the child has ended
                self.finished = True
                return
            self.parts_done += data.count(PART_DONE)
            self.written = self.written or GROUP_WRITTEN in data

    def result(self) -> list[bytes]:
        """The child's PDFs, once it has ended."""
        self._reap()
        if not self.written:
            raise ChildFailed(
                f"group {self.number} of the document was not laid out (exit status {self.exit_status}; see the worker's log)"
            )
        self.result_file.seek(0)
        pdfs = []
        while length := int.from_bytes(self.result_file.read(8) or b"\0", "big"):
            pdfs.append(self.result_file.read(length))
        return pdfs

    def stop(self) -> None:
        """Make sure the child is gone and its pipe and file closed (after its result, or on a failure here)."""
        if not self.finished:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.finished = True
        self._reap()
        for close in (lambda: os.close(self.pipe), self.result_file.close):
            try:
                close()
            except OSError:
                pass

    def _reap(self) -> None:
        if self.reaped:
            return
        try:
            _pid, status = os.waitpid(self.pid, 0)
            self.exit_status = os.waitstatus_to_exitcode(status)  # negative: the signal that ended it
        except ChildProcessError:  # already reaped (a worker that ignores SIGCHLD reaps its children itself)
            pass
        self.reaped = True


def _children_results(children: list[_Child], tracker: _Progress) -> list[bytes]:
    """Wait for every child, reporting their parts as they come; their PDFs in the groups' order."""
    poller, waiting = select.poll(), {}
    for child in children:
        child.read_progress()
        if not child.finished:
            poller.register(child.pipe, select.POLLIN | select.POLLHUP)
            waiting[child.pipe] = child
    tracker.changed()
    while waiting:
        events = poller.poll(CHILD_SILENCE_SECONDS * 1000)
        if not events:
            numbers = ", ".join(str(child.number) for child in waiting.values())
            raise ChildFailed(f"group {numbers} of the document reported nothing for {CHILD_SILENCE_SECONDS} s")
        for fd, _event in events:
            child = waiting[fd]
            child.read_progress()
            if child.finished:
                poller.unregister(fd)
                del waiting[fd]
        tracker.changed()
    return [pdf for child in children for pdf in child.result()]


def _child_set_up(parent: int, signal_mask, *, closing: list[int]) -> None:
    """In a new child: the signals as a new process has them, killed with its parent, no database."""
    for number in FORK_BLOCKED_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
    try:  # a worker killed outright (out of memory, a hard time limit) takes its children with it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's own clean-up is the only guard
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)
    for fd in closing:  # the parent's ends of this and earlier children's pipes
        os.close(fd)
    _database_refused()


def _database_refused() -> None:
    """In a child: any query fails at once instead of writing on the connection the parent still uses."""

    def refuse(execute, sql, params, many, context):
        raise RuntimeError("a print part laid out in a child process must not query the database")

    for connection in connections.all():
        connection.execute_wrappers.append(refuse)


def pdf_join(pdfs: list[bytes]):
    """WeasyPrint's tagged PDFs as one (a pikepdf.Pdf): the pages in order, one structure tree.

    Each file's ``Document`` element holds its pages' elements in order and its parent tree maps
    page i (and then each link annotation) to its marked content; the later files' elements join
    the first file's ``Document`` and their parent-tree keys follow the first file's. WeasyPrint
    names a table's header cells by its own object numbers, the same in files laid out alike, so
    a later file's element IDs (and the data cells' references to them) get the file's prefix.
    """
    import pikepdf

    joined = pikepdf.open(io.BytesIO(pdfs[0]))
    document, nums = _document_element_and_nums(joined)
    for file_number, data in enumerate(pdfs[1:], start=1):
        part = pikepdf.open(io.BytesIO(data))
        part_document, part_nums = _document_element_and_nums(part)
        offset = max((int(part_key) for part_key in nums[::2]), default=-1) + 1
        first_new_page = len(joined.pages)
        joined.pages.extend(part.pages)  # the copies are remembered, so elements copied below point at them
        elements = list(_foreign(joined, part_document.K))
        entries = [_foreign(joined, part_nums[index + 1]) for index in range(0, len(part_nums), 2)]
        # Elements the parent tree alone reaches (the footer's text, outside the tree) still name
        # the part's own Document as their ancestor: they are given this one, and the part's root is left behind.
        copied_document = joined.copy_foreign(part_document)
        for element in elements:
            element.P = document
            document.K.append(element)
        for entry in entries:
            for element in entry if isinstance(entry, pikepdf.Array) else [entry]:
                _ancestor_replace(element, copied_document, document)
        _element_ids_prefix(elements, f"f{file_number}-")
        for index, entry in zip(range(0, len(part_nums), 2), entries):
            nums.append(int(part_nums[index]) + offset)
            nums.append(entry)
        for page in joined.pages[first_new_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
    return joined


def _document_element_and_nums(pdf):
    import pikepdf

    tree = pdf.Root.StructTreeRoot
    if "/Nums" not in tree.ParentTree or not isinstance(tree.K, pikepdf.Array) or len(tree.K) != 1:
        raise ValueError("not a structure tree as WeasyPrint writes it (one Document element, a flat parent tree)")
    return tree.K[0], tree.ParentTree.Nums


def _foreign(pdf, value):
    """A value of another PDF made this one's: indirect objects copied (each once), direct arrays item by item."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_foreign(pdf, item) for item in value])
    return value


def _ancestor_replace(element, old, new) -> None:
    """Walk up an element's parents; the one whose parent is ``old`` gets ``new`` instead."""
    import pikepdf

    seen = 0
    while isinstance(element, pikepdf.Dictionary) and "/P" in element and seen < 1000:
        parent = element.P
        if parent.is_indirect and parent.objgen == old.objgen:
            element.P = new
            return
        element, seen = parent, seen + 1


def _element_ids_prefix(roots, prefix: str) -> None:
    """Give every element under ``roots`` an ID starting with ``prefix``, and the header references with it."""
    import pikepdf

    stack = list(roots)
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array([pikepdf.String(prefix + str(name)) for name in attribute.Headers])
        kids = element.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])


def page_numbers_stamp(pdf, document_html_text: str) -> None:
    """Number every page "k / N" where the document's own footer puts it.

    The number comes from a document of N empty pages laid out with the same stylesheets, so the
    same @page rules place it (size, margins, font, the bottom-right box of print.css); each of
    its pages is drawn over the matching page as a form, marked as a pagination artifact.
    """
    import pikepdf

    sheets = '<div class="page-number-sheet"></div>' * len(pdf.pages)
    numbers_html = BODY.sub(lambda _match: f"<body>{sheets}</body>", document_html_text, count=1)
    numbers = pikepdf.open(io.BytesIO(html_layout(numbers_html, extra_css=NUMBERS_ONLY_CSS).write_pdf()))
    if len(numbers.pages) != len(pdf.pages):
        raise ValueError(f"the page numbers' document has {len(numbers.pages)} pages for {len(pdf.pages)}")
    for page, number_page in zip(pdf.pages, numbers.pages):
        if list(number_page.mediabox) != list(page.mediabox):
            raise ValueError("a page of the page numbers' document differs in size from the page it numbers")
        form = pdf.copy_foreign(number_page.as_form_xobject())
        name = page.add_resource(form, pikepdf.Name.XObject, prefix="PageNumber")
        # The page's own drawing is enclosed in q ... Q, so the number starts from the page's default state.
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(b"\nQ\n" + PAGE_NUMBER_ARTIFACT % bytes(name) + b"\n"), prepend=False)
