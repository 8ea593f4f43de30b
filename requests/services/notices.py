"""Written notices and the berita acara of handover: numbered, rendered to PDF, kept privately, sent.

Called by requests.services.workflow inside the transaction that holds the request's row lock,
so a rolled-back decision gives its notice number back to the sequence (and, through
requests.services.files, deletes the PDF it stored).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from ppid import law
from ppid.pdf import render_pdf
from ppid.sequences import next_register_number
from ppid.workdays import OfficeCalendar

from ..models import Delivery, DeliveryMethod, InformationRequest, Notice
from .files import private_file_save
from .transitions import record_event

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
    return calendar.add_working_days(notice.received_by_requester_on, law.OBJECTION_WINDOW_WORKING_DAYS)


def _safe_number(number: str) -> str:
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
    pdf = notice_render(notice=notice, calendar=calendar)
    private_file_save(notice.pdf, f"{_safe_number(notice.number)}.pdf", ContentFile(pdf))
    notice.save(update_fields=["pdf"])
    record_event(
        request,
        action="notice_issued",
        actor=actor,
        note=notice.get_kind_display(),
        data={"notice": notice.pk, "number": notice.number, "kind": kind, "late": notice.is_late},
    )
    return notice


def notice_send(*, notice: Notice) -> bool:
    """Email the notice's PDF to the requester (after commit); the portal download is always there."""
    requester = notice.request.requester
    address = requester.email or (requester.user.email if requester.user_id and requester.user else "")
    if not address:
        return False
    message = EmailMessage(
        subject=_("%(kind)s nomor %(number)s") % {"kind": notice.get_kind_display(), "number": notice.number},
        body=_(
            "Yth. %(name)s,\n\nTerlampir %(kind)s atas permohonan informasi nomor %(register)s. "
            "Dokumen ini juga dapat diunduh pada halaman permohonan Anda di portal.\n\n%(office)s"
        )
        % {
            "name": requester.display_name,
            "kind": notice.get_kind_display().lower(),
            "register": notice.request,
            "office": settings.PPID_OFFICE_NAME,
        },
        to=[address],
    )
    with notice.pdf.open("rb") as handle:
        message.attach(f"{_safe_number(notice.number)}.pdf", handle.read(), "application/pdf")
    try:
        message.send()
    except Exception:  # the notice stands and is downloadable; the failure is logged for the desk
        logger.exception("sending notice %s failed", notice.number)
        record_event(notice.request, action="notice_email_failed", note=notice.number, data={"notice": notice.pk})
        return False
    record_event(notice.request, action="notice_emailed", note=address, data={"notice": notice.pk})
    return True


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
