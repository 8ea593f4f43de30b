"""Written notices and the berita acara of handover: numbered, rendered to PDF, kept privately, sent.

Called by the stage services (decision, extension, fulfilment) inside the transaction that holds the request's row lock,
so a rolled-back decision gives its notice number back to the sequence (and, through
requests.services.files, deletes the PDF it stored).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid import deadlines, law
from ppid.pdf import render_pdf
from ppid.rules import ALLOWED, Verdict, refuse, verdict_enforce
from ppid.sequences import next_register_number
from ppid.workdays import OfficeCalendar

from ..events import RequestAction
from ..models import Delivery, DeliveryMethod, InformationRequest, Notice
from .access import DESK_PERMISSIONS, actor_scope_verdict
from .files import private_file_save
from .register_columns import register_columns_refresh_request
from .transitions import day_text, lock_request, record_event

logger = logging.getLogger("ppid.requests")

NOTICE_TEMPLATES = {
    Notice.Kind.DECISION: "print/requests/notice.html",
    Notice.Kind.REFUSAL: "print/requests/refusal.html",
    Notice.Kind.EXTENSION: "print/requests/extension.html",
}
HANDOVER_TEMPLATE = "print/requests/handover.html"
# Sent by email or downloaded from the portal, a notice reaches the requester the day it is issued;
# by post or pick-up, on the delivery date the desk records (the objection window runs from it).
RECEIVED_ON_ISSUE_METHODS = (DeliveryMethod.EMAIL, DeliveryMethod.DOWNLOAD)


def notice_delivery_method(notice: Notice) -> str:
    """How this notice goes to the requester: its own method, else the one the request asked for."""
    return notice.delivery_method or notice.request.delivery_method


def notice_received_on_issue(notice: Notice) -> bool:
    return notice_delivery_method(notice) in RECEIVED_ON_ISSUE_METHODS


def objection_deadline(*, notice: Notice, calendar: OfficeCalendar) -> dt.date | None:
    """The last day to object to the Atasan PPID: 30 working days from the day the notice reached the requester.

    None while that day is unknown: a notice sent by post or handed over reaches the requester on a
    later day the desk records, so no date can be computed from the issue date.
    """
    if notice.received_by_requester_on is None:
        return None
    return deadlines.objection_window_last_day(notice.received_by_requester_on, calendar)


def safe_number(number: str) -> str:
    return number.replace("/", "-")


def notice_render(*, notice: Notice, calendar: OfficeCalendar) -> bytes:
    request = notice.request
    context = {
        "notice": notice,
        "request": request,
        "requester": request.requester,
        "review": notice.review,
        "meeting": notice.meeting,
        "issued_on": calendar.local_date(notice.issued_at),
        "objection_working_days": law.OBJECTION_WINDOW_WORKING_DAYS,
        "objection_due": objection_deadline(notice=notice, calendar=calendar),
        "notice_working_days": law.NOTICE_WORKING_DAYS,
        "extension_working_days": law.EXTENSION_WORKING_DAYS,
    }
    return render_pdf(NOTICE_TEMPLATES[notice.kind], context)


def notice_issue(
    *, request: InformationRequest, kind: str, actor, now, calendar: OfficeCalendar, **fields
) -> Notice:
    """Number, record and render a notice for a locked request. Late when issued after the due date."""
    issued_on = calendar.local_date(now)
    notice = Notice(
        request=request,
        kind=kind,
        number=next_register_number(kind="notice", on=issued_on),
        issued_by=actor,
        issued_at=now,
        is_late=kind != Notice.Kind.EXTENSION and request.notice_due is not None and issued_on > request.notice_due,
        **fields,
    )
    if notice_received_on_issue(notice):
        notice.received_by_requester_on = issued_on
    notice.save()
    register_columns_refresh_request(request)
    pdf = notice_render(notice=notice, calendar=calendar)
    private_file_save(notice.pdf, f"{safe_number(notice.number)}.pdf", ContentFile(pdf))
    notice.save(update_fields=["pdf"])
    record_event(
        request,
        action=RequestAction.NOTICE_ISSUED,
        actor=actor,
        data={"notice": notice.pk, "number": notice.number, "kind": kind, "late": notice.is_late},
    )
    return notice


def handover_render(*, delivery: Delivery, calendar: OfficeCalendar, notice: Notice | None) -> bytes:
    request = delivery.request
    context = {
        "delivery": delivery,
        "request": request,
        "requester": request.requester,
        "notice": notice,
        "delivered_local": calendar.to_local(delivery.delivered_at),
        "information_files": request.materials.filter(kind="information"),
    }
    return render_pdf(HANDOVER_TEMPLATE, context)


def handover_store(*, delivery: Delivery, calendar: OfficeCalendar, notice: Notice | None) -> None:
    pdf = handover_render(delivery=delivery, calendar=calendar, notice=notice)
    private_file_save(delivery.handover_pdf, f"berita-acara-{delivery.request_id}-{delivery.pk}.pdf", ContentFile(pdf))
    delivery.save(update_fields=["handover_pdf"])


# -- the day a notice reached the requester --------------------------------------------------------


def notice_receipt_guard(actor, notice: Notice, now: dt.datetime) -> Verdict:
    """The desk records once the day a notice sent by post or handed over reached the requester."""
    refusal = actor_scope_verdict(actor, notice.request, DESK_PERMISSIONS)
    if refusal is not None:
        return refusal
    if notice.kind == Notice.Kind.EXTENSION:
        return refuse(gettext_lazy("Tanggal diterima dicatat untuk pemberitahuan keputusan, bukan untuk perpanjangan waktu."))
    if notice.received_by_requester_on is not None:
        return refuse(
            gettext_lazy("Tanggal diterima pemohon sudah dicatat (%(date)s).") % {"date": day_text(notice.received_by_requester_on)}
        )
    return ALLOWED


@transaction.atomic
def notice_receipt_record(*, notice_id: int, received_on: dt.date, actor, now: dt.datetime) -> Notice:
    """The day a notice sent by post or handed over reached the requester: the objection window runs from it."""
    request_id = Notice.objects.values_list("request_id", flat=True).get(pk=notice_id)
    request = lock_request(request_id)
    notice = Notice.objects.select_for_update().get(pk=notice_id)
    notice.request = request
    verdict_enforce(notice_receipt_guard(actor, notice, now))
    calendar = OfficeCalendar()
    if received_on < calendar.local_date(notice.issued_at) or received_on > calendar.local_date(now):
        raise ValidationError({"received_on": _("Tanggal diterima harus antara tanggal terbit pemberitahuan dan hari ini.")})
    notice.received_by_requester_on = received_on
    notice.save(update_fields=["received_by_requester_on"])
    record_event(
        request,
        action=RequestAction.NOTICE_RECEIVED,
        actor=actor,
        data={"notice": notice.pk, "number": notice.number, "received_on": received_on.isoformat()},
    )
    return notice
