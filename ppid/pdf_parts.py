"""Long printed documents (the registers of a period): laid out part by part, in several processes
where the machine has the cores, and written as one tagged PDF with its pages numbered "k / N".

WeasyPrint lays out a table of a month (about 2,500 rows, 40,000 cells) at about 18 ms a row on one
core, and a layout cannot be shared between processes. So the parts are split into contiguous groups;
this process lays out the first group and a forked child each other group, each group is written as a
tagged PDF, and the PDFs are joined with their structure trees (pikepdf): WeasyPrint's own tree of a
document is one list of elements per page under one ``Document`` element, so appending a group's
elements and renumbering its parent tree gives the tree WeasyPrint would have written for the whole.
A group cannot know on which page it starts, so the parts are laid out without the page number and
every page is stamped afterwards with "k / N" from a document of N empty pages laid out with the same
page rules (the same box, font and place as WeasyPrint's own footer), marked as a pagination artifact.

A child is forked only from a process with one thread (a Celery prefork worker, the bench, a test):
a fork copies one thread, and a lock another thread held at that moment would stay held in the child.
The child never uses the database (a query there would share this process's connection: it is
refused) and leaves with ``os._exit``, so it closes nothing this process still uses.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import re
import select
import tempfile
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
# bounded (a month in one process held 950 MiB until its single write, in two processes 700 and
# 500 MiB), and each file embeds its own subset of the fonts, so fewer, larger files stay smaller.
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
                children.append(_Child.fork(template_name, group, office, number=index))
            tracker.children = children
            pdfs = _group_pdfs(template_name, groups[0], office, first_html=first_html, part_done=tracker.own_part_done)
            for child in children:
                pdfs.extend(child.result(tracker))
        finally:
            for child in children:
                child.stop()
        logger.info("laid out %d parts in %d process(es)", len(contexts), len(groups))
        joined = pdf_join(pdfs)
        page_numbers_stamp(joined, first_html)
        output = io.BytesIO()
        joined.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


@contextmanager
def _collector_for_a_long_layout():
    """Python's cyclic garbage collector without its full collections while a long document is laid out.

    The parts laid out are kept until the group is written: millions of live objects, which every
    full collection walks again. Measured on 600 rows: a quarter of the layout's time went to that
    (11.5 s against 9.3 s with these settings, 20 MB more memory); a receipt shows no difference.
    The young generations are still collected, less often, and most cycles WeasyPrint leaves behind
    go with them; the settings are restored afterwards, and the next full collection frees the rest.
    """
    previous = gc.get_threshold()
    gc.set_threshold(LONG_LAYOUT_YOUNG_THRESHOLD, previous[1], LONG_LAYOUT_NO_FULL_COLLECTION)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


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
            child.read_progress(block=False)
        self.changed()

    def changed(self) -> None:
        done = self.own + sum(child.parts_done for child in self.children)
        if self.report is not None and done > self.reported:
            self.reported = done
            self.report(done, self.total)


class ChildFailed(RuntimeError):
    """A process laying out a group of parts ended without its PDF."""


PART_DONE = b"."
GROUP_WRITTEN = b"!"


@dataclass
class _Child:
    pid: int
    pipe: int
    result_file: object
    number: int
    parts_done: int = 0
    written: bool = False
    finished: bool = False

    @classmethod
    def fork(cls, template_name: str, contexts: list, office, *, number: int) -> _Child:
        result_file = tempfile.TemporaryFile()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: lay out, write, leave without running anything of the parent's
            exit_code = 1
            try:
                os.close(read_end)
                _database_refused()
                for pdf in _group_pdfs(template_name, contexts, office, part_done=lambda: os.write(write_end, PART_DONE)):
                    result_file.write(len(pdf).to_bytes(8, "big") + pdf)
                result_file.flush()
                os.write(write_end, GROUP_WRITTEN)
                exit_code = 0
            except BaseException:  # noqa: BLE001 - whatever it was, the parent must hear of it
                traceback.print_exc()
            finally:
                os._exit(exit_code)
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid=pid, pipe=read_end, result_file=result_file, number=number)

    def read_progress(self, *, block: bool) -> None:
        """Count what the child reported; with ``block``, wait until it has written its group or ended."""
        while not self.finished:
            if block and not select.select([self.pipe], [], [], CHILD_SILENCE_SECONDS)[0]:
                raise ChildFailed(f"group {self.number} of the document reported nothing for {CHILD_SILENCE_SECONDS} s")
            try:
                data = os.read(self.pipe, 4096)
            except BlockingIOError:
                return
            if not data:  # the child has ended
                self.finished = True
                return
            self.parts_done += data.count(PART_DONE)
            self.written = self.written or GROUP_WRITTEN in data

    def result(self, tracker: _Progress) -> list[bytes]:
        while not self.finished:
            self.read_progress(block=True)
            tracker.changed()
        self._reap()
        if not self.written:
            raise ChildFailed(f"group {self.number} of the document was not laid out (see the worker's log)")
        self.result_file.seek(0)
        pdfs = []
        while length := int.from_bytes(self.result_file.read(8) or b"\0", "big"):
            pdfs.append(self.result_file.read(length))
        return pdfs

    def stop(self) -> None:
        """Make sure the child is gone and its pipe and file closed (after its result, or on a failure here)."""
        if not self.finished:
            try:
                os.kill(self.pid, 9)
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
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:  # already reaped (a worker that ignores SIGCHLD reaps its children itself)
            pass


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
    the first file's ``Document`` and their parent-tree keys follow the first file's.
    """
    import pikepdf

    joined = pikepdf.open(io.BytesIO(pdfs[0]))
    document, nums = _document_element_and_nums(joined)
    for data in pdfs[1:]:
        part = pikepdf.open(io.BytesIO(data))
        part_document, part_nums = _document_element_and_nums(part)
        offset = max((int(part_key) for part_key in nums[::2]), default=-1) + 1
        first_new_page = len(joined.pages)
        joined.pages.extend(part.pages)  # the copies are remembered, so elements copied below point at them
        for element in _foreign(joined, part_document.K):
            element.P = document
            document.K.append(element)
        for index in range(0, len(part_nums), 2):
            nums.append(int(part_nums[index]) + offset)
            nums.append(_foreign(joined, part_nums[index + 1]))
        for page in joined.pages[first_new_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
    return joined


def _document_element_and_nums(pdf):
    tree = pdf.Root.StructTreeRoot
    import pikepdf

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
        form = pdf.copy_foreign(number_page.as_form_xobject())
        name = page.add_resource(form, pikepdf.Name.XObject, prefix="PageNumber")
        # The page's own drawing is enclosed in q ... Q, so the number starts from the page's default state.
        page.contents_add(pdf.make_stream(b"q"), prepend=True)
        page.contents_add(pdf.make_stream(b"Q " + PAGE_NUMBER_ARTIFACT % bytes(name)), prepend=False)
