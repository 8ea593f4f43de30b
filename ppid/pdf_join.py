"""One tagged PDF from several that WeasyPrint wrote, and page numbers stamped on the whole.

Used by the long prints (ppid.pdf_parts), whose parts are laid out and written apart, in one
process or several, and cannot know on which page they start.
"""

from __future__ import annotations

import io
import re

from .pdf import html_layout
from .stack_room import with_stack_room

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
    numbers = pikepdf.open(io.BytesIO(with_stack_room(html_layout(numbers_html, extra_css=NUMBERS_ONLY_CSS).write_pdf)))
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
