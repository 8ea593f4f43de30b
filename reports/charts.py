"""Bar charts drawn on the server as SVG: readable without JavaScript, printable, and in the PDF.

Each chart is decorative for assistive technology (``aria-hidden``): the page shows the same
numbers in a table right below it (``templates/reports/_figure.html``). The colours are SVG
presentation attributes (the Content-Security-Policy forbids inline styles) chosen to pass WCAG
2.1 AA: the bar colour has a contrast of 8.6:1 against white, the text 15.3:1.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR = "#1d4f91"
TEXT = "#1b1f23"
GRID = "#6c757d"
LABEL_WIDTH = 230
BAR_AREA = 300
ROW_HEIGHT = 26
LABEL_CHARS = 30  # about 7 px a character at 13 px: fits LABEL_WIDTH


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart_svg(lines, *, title: str) -> SafeString:
    """Horizontal bars, one per line (``label`` and ``count``; a count of None is drawn as suppressed)."""
    rows = list(lines)
    width = LABEL_WIDTH + BAR_AREA + 70
    height = max(1, len(rows)) * ROW_HEIGHT + 8
    peak = max([line.count or 0 for line in rows] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-hidden="true" focusable="false">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" stroke="{GRID}" stroke-width="1"/>',
    ]
    for index, line in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        label = escape(_short(str(line.label)))
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 17}" text-anchor="end" font-size="13" fill="{TEXT}">{label}</text>')
        if line.count is None:
            parts.append(f'<text x="{LABEL_WIDTH + 6}" y="{y + 17}" font-size="13" fill="{TEXT}">{escape(str(getattr(line, "shown", "")))}</text>')
            continue
        bar = round(BAR_AREA * line.count / peak, 1)
        if bar:
            parts.append(f'<rect x="{LABEL_WIDTH + 1}" y="{y + 3}" width="{bar}" height="{ROW_HEIGHT - 8}" fill="{BAR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 17}" font-size="13" fill="{TEXT}">{line.count}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))



def bar_percent(count: int | None, peak: int) -> int:
    """A row's bar in the PDF as a whole percent of the longest (a CSS class ``w-N`` of report-print.css).
    WeasyPrint lays out SVG slowly (a chart per figure tripled the annual PDF's time); a block of a given
    width in each table row prints the same chart at the cost of a table cell."""
    return round(100 * (count or 0) / max(peak, 1))
