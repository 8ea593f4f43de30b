"""Objections, answers and disputes made directly in the database for the dispute tests.

The objection's filing and the Atasan's answer are another part of the work; here they are rows
with the dates the law gives them (through ppid.deadlines), so the dispute desk can be tested alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from ppid import deadlines
from ppid.codes import new_tracking_code
from ppid.workdays import OfficeCalendar
from objections.models import Answer, Dispute, Objection, ObjectionGroundClaim

WIB = ZoneInfo("Asia/Jakarta")
_numbers = itertools.count(1)


def make_objection(request, *, submitted_at: dt.datetime, grounds=("a",), ground_date: dt.date | None = None, **fields) -> Objection:
    calendar = OfficeCalendar()
    receipt = calendar.receipt_date(submitted_at)
    objection = Objection.objects.create(
        register_number=f"{next(_numbers):04d}/KEB/I/1990",
        tracking_code=new_tracking_code(),
        request=request,
        requester=request.requester,
        reasons="Informasi ini menyangkut anggaran publik dan seharusnya terbuka.",
        submitted_at=submitted_at,
        receipt_date=receipt,
        answer_due=deadlines.atasan_answer_due(receipt, calendar),
        **fields,
    )
    ground_date = ground_date or calendar.local_date(submitted_at)
    for ground in grounds:
        ObjectionGroundClaim.objects.create(
            objection=objection, ground=ground, ground_date=ground_date,
            window_closes=deadlines.objection_window_last_day(ground_date, calendar),
        )
    return objection


def make_answer(objection: Objection, *, answered_at: dt.datetime, answered_by, received_on: dt.date | None = None, **fields) -> Answer:
    fields.setdefault("outcome", Answer.Outcome.REJECTED)
    fields.setdefault("body", "Atasan PPID menguatkan keputusan PPID: dokumen penawaran dikecualikan berdasarkan pasal 17 huruf b.")
    answer = Answer.objects.create(
        objection=objection, answered_at=answered_at, answered_by=answered_by, received_by_requester_on=received_on,
        atasan_name="Drs. Bambang Wijaya", atasan_position="Sekretaris Daerah", **fields,
    )
    objection.status = Objection.Status.ANSWERED
    objection.save(update_fields=["status"])
    return answer


def make_dispute(objection: Objection, *, filed_on: dt.date, **fields) -> Dispute:
    from objections.services.dispute_deadlines import dispute_deadlines_recompute, dispute_window

    window = dispute_window(objection)
    fields.setdefault("concerns_exemption", objection.grounds.filter(ground="a").exists())
    dispute = Dispute.objects.create(
        objection=objection, filed_on=filed_on, window_basis=window.basis, window_start=window.start,
        filing_last_day=window.last_day, **fields,
    )
    dispute_deadlines_recompute(dispute)
    return dispute
