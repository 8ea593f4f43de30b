"""Presentation helpers shared by every page: one date style for text, the service-hours summary,
the error summary at the top of a form.

Dates in running text are long Indonesian dates ("Senin, 14 Desember 2026"); moments add the
time and the office zone ("Senin, 14 Desember 2026 pukul 10.00 WIB"). Forms use the browser's
date input (type="date").
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ppid import dates
from ppid.dates import clock

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("long_datetime", dates.long_datetime)
register.filter("clock", dates.clock)


def _hours_key(hours):
    if not (hours.is_open and hours.opens_at and hours.closes_at):
        return None
    return (hours.opens_at, hours.closes_at, hours.break_starts_at, hours.break_ends_at)


@register.filter
def hours_summary(service_hours) -> list[dict]:
    """Weekdays with the same hours grouped: [{"days": "Senin–Kamis", "hours": "08.00–16.00 (istirahat 12.00–13.00)"}]."""
    groups: list[list] = []
    for hours in service_hours:
        key = _hours_key(hours)
        if groups and groups[-1][0] == key and groups[-1][2].weekday + 1 == hours.weekday:
            groups[-1][2] = hours
        else:
            groups.append([key, hours, hours])
    lines = []
    for key, first, last in groups:
        days = first.get_weekday_display() if first is last else f"{first.get_weekday_display()}–{last.get_weekday_display()}"
        if key is None:
            text = pgettext("jam layanan", "Tutup")
        else:
            opens, closes, break_starts, break_ends = key
            text = f"{clock(opens)}–{clock(closes)}"
            if break_starts and break_ends:
                text += " " + _("(istirahat %(start)s–%(end)s)") % {"start": clock(break_starts), "end": clock(break_ends)}
        lines.append({"days": days, "hours": text})
    return lines


@register.inclusion_tag("_form_error_summary.html")
def form_error_summary(form):
    """The errors of a form, listed at its top with a link to each field (site.js moves focus here)."""
    entries = []
    if form is not None and form.errors:
        for error in form.non_field_errors():
            entries.append({"target": "", "label": "", "message": error})
        for field in form:
            if not field.errors:
                continue
            if field.is_hidden:  # e.g. an expired form token: said, but there is no field to go to
                entries.extend({"target": "", "label": "", "message": error} for error in field.errors)
                continue
            target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
            for error in field.errors:
                entries.append({"target": target, "label": field.label, "message": error})
    return {"entries": entries}
