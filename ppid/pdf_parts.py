"""Long printed documents (the registers of a period): laid out part by part, in several processes
where the machine has the cores, and written as one tagged PDF with its pages numbered "k / N".

WeasyPrint lays out a table of a month (about 2,500 rows, 40,000 cells) at about 18 ms a row on one
core, and a layout cannot be shared between processes. So the parts are split into contiguous groups;
this process lays out the first group and a forked child (ppid.forked) each other group, each group
is written as tagged PDFs of a few parts each, and the PDFs are joined with one structure tree and
numbered afterwards (ppid.pdf_join), since no group knows on which page it starts.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings

from .forked import ForkedChild, children_results, fork_is_safe
from .pdf import StaticFileFetcher, document_html, html_layout, linked_stylesheets_take, render_document, write_pdf
from .pdf_join import NO_PAGE_NUMBER_CSS, page_numbers_stamp, pdf_join

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


def render_pdf_in_parts(template_name: str, contexts, *, progress=None) -> bytes:
    """A long document laid out part by part (each a few pages) and written as one tagged PDF.

    ``progress(done, total)`` is called as each part is laid out, wherever; the total counts the
    writing as the last step. The pages are numbered "k / N" across all the parts.
    """
    import pikepdf

    from .office import office_identity

    contexts, office = list(contexts), office_identity()  # read once, for every part and every process
    if len(contexts) == 1:
        document = render_document(template_name, contexts[0], office=office)
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
                    # Called in the child at once, so the lambda sees this iteration's group.
                    work = lambda step_done: _group_pdfs(template_name, group, office, part_done=step_done)  # noqa: E731
                    children.append(ForkedChild.fork(work, number=index, siblings=list(children)))
                except OSError as error:  # no process to spare now (EAGAIN, ENOMEM): the rest is laid out here
                    logger.warning("could not fork for group %d of the document (%s); laying it out here", index, error)
                    break
            tracker.children = children
            pdfs = _group_pdfs(template_name, groups[0], office, first_html=first_html, part_done=tracker.own_part_done)
            left_here = [context for group in groups[1 + len(children) :] for context in group]
            pdfs_left_here = _group_pdfs(template_name, left_here, office, part_done=tracker.own_part_done) if left_here else []
            pdfs.extend(children_results(children, tracker.changed))
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
        done = self.own + sum(child.steps_done for child in self.children)
        if self.report is not None and done > self.reported:
            self.reported = done
            self.report(done, self.total)
