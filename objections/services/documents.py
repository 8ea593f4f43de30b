"""The objection's documents, always in Indonesian (ppid.pdf), on the letter frame (docs/letters.md):
the formulir keberatan for signature and the receipt (tanda terima), printed on demand; the Atasan's
answer (tanggapan atasan PPID), issued with a verification record; the printed register (kop only)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _

from ppid import law
from ppid.deadlines import dispute_filing_last_day
from ppid.letters import Letter, document_issue, document_render, signing_place
from ppid.office import Signatory, office_identity
from ppid.pdf import DOCUMENT_LANGUAGE
from ppid.workdays import OfficeCalendar

from ..models import Answer, Objection

FORM_TEMPLATE = "print/objections/form.html"
RECEIPT_TEMPLATE = "print/objections/receipt.html"
ANSWER_TEMPLATE = "print/objections/answer.html"


def safe_number(number: str) -> str:
    return number.replace("/", "-")


def _objection_context(objection: Objection) -> dict:
    calendar = OfficeCalendar()
    officer = objection.received_by
    return {
        "officer_name": (officer.get_full_name() or officer.get_username()) if officer else "",
        "officer_position": getattr(officer, "position", "") if officer else "",
        "objection": objection,
        "request": objection.request,
        "requester": objection.requester,
        "grounds": list(objection.grounds.all().order_by("ground")),
        "submitted_local": calendar.to_local(objection.submitted_at),
        "atasan_working_days": law.ATASAN_ANSWER_WORKING_DAYS,
    }


def _desk_letter(objection: Objection, title: str) -> Letter:
    """The form and the receipt: printed on demand, signed by the persons themselves (two columns)."""
    signed_on = OfficeCalendar().local_date(objection.submitted_at)
    return Letter(title=title, number=objection.register_number or "", place=signing_place(office_identity(on=signed_on)), signed_on=signed_on)


def form_render(*, objection: Objection) -> bytes:
    with translation.override(DOCUMENT_LANGUAGE):
        letter = _desk_letter(objection, _("Formulir pernyataan keberatan"))
    return document_render(letter=letter, template_name=FORM_TEMPLATE, context=_objection_context(objection))


def receipt_render(*, objection: Objection) -> bytes:
    with translation.override(DOCUMENT_LANGUAGE):
        letter = _desk_letter(objection, _("Tanda terima pengajuan keberatan"))
    return document_render(letter=letter, template_name=RECEIPT_TEMPLATE, context=_objection_context(objection))


def answer_signatory(on: dt.date) -> Signatory:
    """The Atasan PPID as the office setting names them on the answer's date (a stand-in on their
    days); never the user who clicked: with none set, a blank line to sign by hand."""
    chosen = office_identity(on=on).atasan_signatory
    return chosen if chosen else Signatory(name="", position="", nip="")


def _answer_context(answer: Answer, calendar: OfficeCalendar) -> dict:
    objection = answer.objection
    received = answer.received_by_requester_on or calendar.local_date(answer.answered_at)
    return {
        **_objection_context(objection),
        "answer": answer,
        "answered_on": calendar.local_date(answer.answered_at),
        "dispute_working_days": law.DISPUTE_FILING_WORKING_DAYS,
        "dispute_last_day": dispute_filing_last_day(received, calendar),
    }


def answer_letter(answer: Answer, calendar: OfficeCalendar) -> Letter:
    objection = answer.objection
    answered_on = calendar.local_date(answer.answered_at)
    office = office_identity(on=answered_on)
    requester = objection.requester
    with translation.override(DOCUMENT_LANGUAGE):
        return Letter(
            title=_("Tanggapan atasan PPID"),
            number=answer.number or "",
            subject=_("Tanggapan atasan PPID atas keberatan nomor %(number)s") % {"number": objection.register_number},
            nature=_("Biasa"),
            attachments="-",
            addressee_name=objection.proxy_name or requester.display_name,
            addressee_address=(objection.proxy_address if objection.proxy_name else requester.address) or "",
            place=signing_place(office),
            signed_on=answered_on,
            signatory_heading=_("Atasan PPID"),
            signatory=answer_signatory(answered_on),
            tembusan=[office.ppid_name or _("PPID"), _("Arsip")],
        )


def answer_issue(*, answer: Answer, calendar: OfficeCalendar):
    """Render the answer with its verification QR and record it (inside the answering transaction).
    Returns (pdf bytes, IssuedDocument)."""
    return document_issue(
        kind="objection_answer", letter=answer_letter(answer, calendar), template_name=ANSWER_TEMPLATE,
        context=_answer_context(answer, calendar),
    )
