"""Which grounds of UU KIP pasal 35(1) a request's facts allow, and each ground's 30-working-day window.

The grounds offered follow the facts (issue 9, domain brief "Objection window"):

- (a) refusal under pasal 17: only after a notice refusing (in whole or in part) on a pasal 17 review;
- (c) no response: only once the current notice due date (extended, if extended) has passed with no
  notice; the window runs from that due date;
- (g) late: only when the notice was issued after its due date;
- (d) answered other than asked, (e) not fulfilled, (f) unreasonable fee: after a notice;
- (b) periodic information not published: always, from the date the requester states they found out.

The ground date of (a), (d), (f), (g) is the day the notice reached the requester: its issue day when
sent by email or downloaded, the day the desk recorded for post or pick-up. While that day is not
recorded the office cannot place the start of the window, so the day of filing stands for it (the
notice reached the requester at the latest on the day they object to it). (e) runs from a failed
delivery when one is recorded, otherwise from the day the notice (which the information should
accompany) reached the requester.

The window is judged on the local calendar date of submission: a filing at 20:00 on the last day is
in time (only the Atasan's clock rolls to the next working day, through ``receipt_date``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ppid import deadlines
from ppid.law import ObjectionGround
from ppid.workdays import OfficeCalendar
from requests.models import Decision, InformationRequest, Notice, Review

# What a ground date was taken from (stored in ObjectionGroundClaim.basis).
BASIS_NOTICE_RECEIVED = "notice_received"
BASIS_NOTICE_UNRECORDED = "notice_receipt_unrecorded"
BASIS_NOTICE_DUE = "notice_due"
BASIS_DELIVERY_FAILED = "delivery_failed"
BASIS_STATED = "stated_by_requester"
BASIS_LABELS = {
    BASIS_NOTICE_RECEIVED: _("tanggal pemberitahuan tertulis diterima pemohon"),
    BASIS_NOTICE_UNRECORDED: _("tanggal pengajuan (tanggal pemberitahuan diterima pemohon belum dicatat)"),
    BASIS_NOTICE_DUE: _("batas waktu pemberitahuan tertulis yang lewat tanpa tanggapan"),
    BASIS_DELIVERY_FAILED: _("tanggal penyerahan informasi gagal"),
    BASIS_STATED: _("tanggal pemohon mengetahui, menurut pernyataannya"),
}
NOTICE_GROUNDS = (ObjectionGround.A, ObjectionGround.D, ObjectionGround.E, ObjectionGround.F, ObjectionGround.G)


@dataclass(frozen=True)
class GroundOffer:
    """A ground the facts allow; ``ground_date`` is None only for (b), whose date the requester states."""

    ground: str
    ground_date: dt.date | None
    basis: str
    window_closes: dt.date | None

    @property
    def label(self) -> str:
        return str(ObjectionGround(self.ground).label)

    @property
    def basis_label(self) -> str:
        return str(BASIS_LABELS[self.basis])

    def in_time(self, submitted_on: dt.date) -> bool:
        return self.window_closes is None or submitted_on <= self.window_closes


def first_answer_notice(request: InformationRequest) -> Notice | None:
    """The written notice that answered the request (an extension notice is not an answer)."""
    return request.notices.exclude(kind=Notice.Kind.EXTENSION).select_related("review").order_by("issued_at", "pk").first()


def _refused_under_pasal_17(notice: Notice) -> bool:
    if notice.decision not in (Decision.REFUSED, Decision.PARTLY_GRANTED):
        return False
    return notice.review is not None and notice.review.legal_basis == Review.LegalBasis.PASAL_17


def grounds_offered(
    request: InformationRequest, *, submitted_at: dt.datetime, calendar: OfficeCalendar | None = None
) -> list[GroundOffer]:
    """The grounds the facts allow for an objection submitted at ``submitted_at``, in the law's order."""
    calendar = calendar or OfficeCalendar()
    submitted_on = calendar.local_date(submitted_at)
    offers: dict[str, GroundOffer] = {}

    def offer(ground, day, basis):
        offers[ground] = GroundOffer(ground, day, basis, deadlines.objection_window_last_day(day, calendar))

    offers[ObjectionGround.B] = GroundOffer(ObjectionGround.B, None, BASIS_STATED, None)
    notice = first_answer_notice(request)
    if notice is None:
        if request.notice_due is not None and submitted_on > request.notice_due:
            offer(ObjectionGround.C, request.notice_due, BASIS_NOTICE_DUE)
    else:
        if notice.received_by_requester_on is not None:
            received, basis = notice.received_by_requester_on, BASIS_NOTICE_RECEIVED
        else:
            received, basis = submitted_on, BASIS_NOTICE_UNRECORDED
        if _refused_under_pasal_17(notice):
            offer(ObjectionGround.A, received, basis)
        offer(ObjectionGround.D, received, basis)
        failed = request.deliveries.filter(failed=True).order_by("delivered_at").first()
        if failed is not None:
            offer(ObjectionGround.E, calendar.local_date(failed.delivered_at), BASIS_DELIVERY_FAILED)
        else:
            offer(ObjectionGround.E, received, basis)
        offer(ObjectionGround.F, received, basis)
        if notice.is_late:
            offer(ObjectionGround.G, received, basis)
    return [offers[g] for g in ObjectionGround.values if g in offers]


def stated_ground_offer(found_out_on: dt.date, calendar: OfficeCalendar | None = None) -> GroundOffer:
    """(b): the window runs from the day the requester states they found out the information was not published."""
    calendar = calendar or OfficeCalendar()
    return GroundOffer(
        ObjectionGround.B, found_out_on, BASIS_STATED, deadlines.objection_window_last_day(found_out_on, calendar)
    )
