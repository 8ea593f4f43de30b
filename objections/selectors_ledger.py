"""The deadline ledger of an objection: each ground's window, the Atasan's 30 working days, the
dispute filing period, and the PPID's compliance with an order to give information, each with the
days skipped and why (the same stages and explanations as the request's ledger)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid import law
from ppid.workdays import OfficeCalendar
from requests.selectors_ledger import LATE, ON_TIME, LedgerStage, _as_date, _skipped, _stage_state, receipt_explanation

from .events import ObjectionAction, event_detail
from .models import Answer, Objection
from .services.grounds import BASIS_LABELS

FIELD_LABELS = {
    "receipt_date": gettext_lazy("tanggal mulai dihitung"),
    "answer_due": gettext_lazy("batas jawaban atasan PPID"),
    "dispute_filing_due": gettext_lazy("batas pengajuan sengketa"),
    "compliance_due": gettext_lazy("batas pelaksanaan oleh PPID"),
}


@dataclass
class ObjectionLedger:
    submitted_at: dt.datetime
    receipt_date: dt.date | None
    receipt_reason: str
    stages: list[LedgerStage]
    changes: list[tuple[dt.datetime, str, list[tuple[str, str, str]]]]


def _answer(objection: Objection) -> Answer | None:
    try:
        return objection.answer
    except Answer.DoesNotExist:
        return None


def objection_ledger(*, objection: Objection, now: dt.datetime, calendar: OfficeCalendar | None = None) -> ObjectionLedger:
    calendar = calendar or OfficeCalendar()
    today = calendar.local_date(now)
    submitted_on = calendar.local_date(objection.submitted_at)
    stages: list[LedgerStage] = []
    for claim in objection.grounds.all().order_by("ground"):
        stage = LedgerStage(
            key=f"ground_{claim.ground}",
            label=_("Batas pengajuan keberatan, alasan %(ground)s") % {"ground": claim.ground},
            basis=_("UU KIP pasal 36 ayat (1): %(n)s hari kerja sejak %(basis)s")
            % {"n": law.OBJECTION_WINDOW_WORKING_DAYS, "basis": BASIS_LABELS.get(claim.basis, "-")},
            starts_on=claim.ground_date,
            working_days=law.OBJECTION_WINDOW_WORKING_DAYS,
            due=claim.window_closes,
            skipped=_skipped(calendar, claim.ground_date, claim.window_closes),
            done_on=submitted_on,
            done_label=_("keberatan diajukan"),
        )
        stage.state = ON_TIME if submitted_on <= claim.window_closes else LATE
        stages.append(stage)
    answer = _answer(objection)
    closed = objection.status in (Objection.Status.WITHDRAWN, Objection.Status.CLOSED)
    if objection.receipt_date and objection.answer_due:
        stage = LedgerStage(
            key="answer",
            label=_("Tanggapan tertulis atasan PPID"),
            basis=_("UU KIP pasal 36 ayat (2): %(n)s hari kerja") % {"n": law.ATASAN_ANSWER_WORKING_DAYS},
            starts_on=objection.receipt_date,
            working_days=law.ATASAN_ANSWER_WORKING_DAYS,
            due=objection.answer_due,
            skipped=_skipped(calendar, objection.receipt_date, objection.answer_due),
            done_on=calendar.local_date(answer.answered_at) if answer else None,
            done_label=_("tanggapan diterbitkan") if answer else "",
        )
        _stage_state(stage, today=today, calendar=calendar)
        stages.append(stage)
    if objection.dispute_filing_due:
        start = answer.received_by_requester_on if answer and answer.received_by_requester_on else objection.answer_due
        dispute = objection.disputes.order_by("filed_on").first()
        stage = LedgerStage(
            key="dispute",
            label=_("Batas pengajuan sengketa ke Komisi Informasi"),
            basis=(
                _("UU KIP pasal 37 ayat (2): %(n)s hari kerja sejak tanggapan diterima")
                if answer
                else _("UU KIP pasal 37 ayat (2): %(n)s hari kerja sejak batas jawaban atasan PPID")
            )
            % {"n": law.DISPUTE_FILING_WORKING_DAYS},
            starts_on=start,
            working_days=law.DISPUTE_FILING_WORKING_DAYS,
            due=objection.dispute_filing_due,
            skipped=_skipped(calendar, start, objection.dispute_filing_due),
            done_on=dispute.filed_on if dispute else None,
            done_label=_("sengketa diajukan") if dispute else "",
        )
        _stage_state(stage, today=today, calendar=calendar)
        if closed and dispute is None:
            stage.note = _("keberatan selesai")
        stages.append(stage)
    if answer is not None and objection.compliance_due:
        answered_on = calendar.local_date(answer.answered_at)
        fulfilled = objection.request.fulfilled_at
        done = calendar.local_date(fulfilled) if fulfilled and fulfilled >= answer.answered_at else None
        stage = LedgerStage(
            key="compliance",
            label=_("Pelaksanaan perintah atasan PPID oleh PPID"),
            basis=_("Tanggapan atasan PPID %(number)s: %(n)s hari kerja") % {"number": answer.number, "n": answer.compliance_working_days},
            starts_on=answered_on,
            working_days=answer.compliance_working_days or 0,
            due=objection.compliance_due,
            skipped=_skipped(calendar, answered_on, objection.compliance_due),
            done_on=done,
            done_label=_("informasi diserahkan") if done else "",
        )
        _stage_state(stage, today=today, calendar=calendar)
        stages.append(stage)
    changes = []
    for event in objection.events.filter(action=ObjectionAction.DEADLINE_CHANGED).order_by("at", "pk"):
        data = event.data or {}
        rows = [
            (str(FIELD_LABELS[name]), _as_date(data[name].get("from")), _as_date(data[name].get("to")))
            for name in FIELD_LABELS
            if isinstance(data.get(name), dict)
        ]
        changes.append((event.at, event_detail(event.action, data), rows))
    return ObjectionLedger(
        submitted_at=calendar.to_local(objection.submitted_at),
        receipt_date=objection.receipt_date,
        receipt_reason=receipt_explanation(calendar, objection.submitted_at),
        stages=stages,
        changes=changes,
    )
