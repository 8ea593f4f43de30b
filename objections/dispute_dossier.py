"""The escalation dossier: one PDF per objection or dispute, made from the records, for the Komisi Informasi.

The chronology of the request with every date (its event log, the objection's, the dispute's and
the hearings), each deadline met or missed (the request's ledger, requests.selectors_ledger; the
objection windows and the Atasan's answer; the dispute's periods), every letter issued, the exemption
reasoning (pasal 17 letter or other law, harm test, public-interest test, written considerations,
the coordination meetings and their minutes), the objection and the answer. Always in Indonesian
(ppid.pdf renders under the document language); built in the background (objections.dossier_files).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.utils import translation

from ppid.pdf import DOCUMENT_LANGUAGE, render_pdf
from ppid.workdays import OfficeCalendar
from requests.events import action_label, event_detail
from requests.selectors_ledger import request_ledger

from .dispute_events import DisputeAction, dispute_action_label, dispute_event_detail
from .models import Dispute, Objection
from .selectors_disputes import dispute_ledger, dispute_stage_dates
from .services.dispute_deadlines import dispute_window, objection_answer


@dataclass
class ChronologyEntry:
    at: dt.datetime
    what: str
    detail: str = ""
    note: str = ""


def _objection_label(code: str, data: dict) -> tuple[str, str]:
    """Labels of the objection's own events come from the objection's events module, when it exists."""
    if code in DisputeAction.values:
        return dispute_action_label(code), dispute_event_detail(code, data)
    try:
        events = import_module("objections.events")
        label = events.action_label(code) if hasattr(events, "action_label") else code
        detail = events.event_detail(code, data) if hasattr(events, "event_detail") else ""
        return str(label), str(detail)
    except ImportError:
        return code, ""


def _chronology(objection: Objection, dispute: Dispute | None, calendar: OfficeCalendar) -> list[ChronologyEntry]:
    request = objection.request
    entries = [
        ChronologyEntry(e.at, str(action_label(e.action)), event_detail(e.action, e.data), e.note)
        for e in request.events.order_by("at", "pk")
    ]
    entries.append(ChronologyEntry(objection.submitted_at, "Keberatan diajukan kepada atasan PPID", str(objection)))
    for event in objection.events.order_by("at", "pk"):
        if dispute is not None and event.data.get("dispute") not in (None, dispute.pk):
            continue
        label, detail = _objection_label(event.action, event.data or {})
        entries.append(ChronologyEntry(event.at, label, detail, event.note))
    answer = objection_answer(objection)
    if answer is not None:
        entries.append(ChronologyEntry(answer.answered_at, "Tanggapan atasan PPID", answer.get_outcome_display()))
    if dispute is not None:
        for hearing in dispute.hearings.all():
            entries.append(ChronologyEntry(hearing.held_at, "Sidang Komisi Informasi", hearing.agenda, hearing.get_stage_display()))
    for entry in entries:
        entry.at = calendar.to_local(entry.at)
    return sorted(entries, key=lambda e: e.at)


def dossier_context(*, objection: Objection, dispute: Dispute | None, now: dt.datetime) -> dict:
    calendar = OfficeCalendar()
    request = objection.request
    answer = objection_answer(objection)
    today = calendar.local_date(now)
    answer_state = ""
    if objection.answer_due:
        if answer is not None:
            answer_state = "terlambat" if calendar.local_date(answer.answered_at) > objection.answer_due else "tepat waktu"
        else:
            answer_state = "lewat batas waktu, tanpa tanggapan" if today > objection.answer_due else "berjalan"
    submitted_on = calendar.local_date(objection.submitted_at)
    grounds = [
        {"claim": g, "in_time": submitted_on <= g.window_closes} for g in objection.grounds.order_by("ground")
    ]
    return {
        "objection": objection,
        "request": request,
        "requester": objection.requester,
        "dispute": dispute,
        "answer": answer,
        "answer_answered_on": calendar.local_date(answer.answered_at) if answer else None,
        "answer_state": answer_state,
        "submitted_at": calendar.to_local(objection.submitted_at),
        "grounds": grounds,
        "window": dispute_window(objection, calendar),
        "chronology": _chronology(objection, dispute, calendar),
        "ledger": request_ledger(request=request, now=now, calendar=calendar),
        "dispute_ledger": dispute_ledger(dispute, now=now) if dispute else [],
        "stage_dates": dispute_stage_dates(dispute) if dispute else [],
        "hearings": [(calendar.to_local(h.held_at), h) for h in dispute.hearings.all()] if dispute else [],
        "documents": list(dispute.documents.all()) if dispute else [],
        "notices": [(calendar.local_date(n.issued_at), n) for n in request.notices.order_by("issued_at", "pk")],
        "deliveries": [(calendar.to_local(d.delivered_at), d) for d in request.deliveries.order_by("delivered_at", "pk")],
        "reviews": list(request.reviews.order_by("reviewed_at", "pk")),
        "meetings": list(request.meetings.order_by("held_on", "pk")),
        "printed_on": today,
    }


def dossier_pdf(*, objection: Objection, dispute: Dispute | None, now: dt.datetime, progress=None) -> bytes:
    """The dossier's PDF; ``progress(done, total)`` after the records are read and after the layout."""
    step = progress or (lambda done, total: None)
    with translation.override(DOCUMENT_LANGUAGE):
        context = dossier_context(objection=objection, dispute=dispute, now=now)
        step(1, 3)
        return render_pdf("print/objections/dispute_dossier.html", context, laid_out=lambda: step(2, 3))
