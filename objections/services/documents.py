"""The objection's documents, always in Indonesian (ppid.pdf): the formulir keberatan for signature,
the receipt (tanda terima), the Atasan's answer (tanggapan atasan PPID) and the printed register."""

from __future__ import annotations

from ppid import law
from ppid.deadlines import dispute_filing_last_day
from ppid.pdf import render_pdf
from ppid.workdays import OfficeCalendar

from ..models import Answer, Objection

FORM_TEMPLATE = "print/objections/form.html"
RECEIPT_TEMPLATE = "print/objections/receipt.html"
ANSWER_TEMPLATE = "print/objections/answer.html"
REGISTER_TEMPLATE = "print/objections/register.html"


def safe_number(number: str) -> str:
    return number.replace("/", "-")


def _objection_context(objection: Objection) -> dict:
    calendar = OfficeCalendar()
    return {
        "objection": objection,
        "request": objection.request,
        "requester": objection.requester,
        "grounds": list(objection.grounds.all().order_by("ground")),
        "submitted_local": calendar.to_local(objection.submitted_at),
        "atasan_working_days": law.ATASAN_ANSWER_WORKING_DAYS,
    }


def form_render(*, objection: Objection) -> bytes:
    return render_pdf(FORM_TEMPLATE, _objection_context(objection))


def receipt_render(*, objection: Objection) -> bytes:
    return render_pdf(RECEIPT_TEMPLATE, _objection_context(objection))


def answer_render(*, answer: Answer, calendar: OfficeCalendar) -> bytes:
    objection = answer.objection
    received = answer.received_by_requester_on or calendar.local_date(answer.answered_at)
    context = {
        **_objection_context(objection),
        "answer": answer,
        "answered_on": calendar.local_date(answer.answered_at),
        "dispute_working_days": law.DISPUTE_FILING_WORKING_DAYS,
        "dispute_last_day": dispute_filing_last_day(received, calendar),
    }
    return render_pdf(ANSWER_TEMPLATE, context)


def register_render(*, header, rows, filters_text: str) -> bytes:
    return render_pdf(REGISTER_TEMPLATE, {"header": header, "rows": rows, "filters_text": filters_text})
