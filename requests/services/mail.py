"""What requests send by email: the written notices and the information itself.

Sent after commit by Celery tasks (requests.tasks), which retry a failure with a growing pause.
Each attempt is logged for what it did: sent, failed (with the error's kind, and whether it was the
last try), or skipped because the requester has no address. Always in Indonesian.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ppid.pdf import DOCUMENT_LANGUAGE

from ..events import RequestAction
from ..models import Delivery, Material, Notice
from .notices import delivery_proof_after_send, safe_number
from .transitions import record_event

logger = logging.getLogger("ppid.requests")

SENT = "sent"
FAILED = "failed"
SKIPPED = "skipped"


def requester_address(requester) -> str:
    return requester.email or (requester.user.email if requester.user_id and requester.user else "")


def _send(message: EmailMessage, *, request, failed_action: str, data: dict, final_attempt: bool) -> bool:
    try:
        message.send()
    except Exception as error:  # the record stands and is downloadable on the portal; the failure is logged
        logger.warning("email for request %s failed: %s", request.pk, error)
        record_event(request, action=failed_action, data={**data, "error": type(error).__name__, "final": final_attempt})
        return False
    return True


def notice_send_after_commit(notice: Notice) -> None:
    """Queue the notice's email once the decision is committed; the notice stands whatever the mail does."""
    from ..tasks import notice_email_send_task  # tasks import the services: imported when used

    transaction.on_commit(lambda: notice_email_send_task.delay(notice.pk), robust=True)


def notice_send(*, notice_id: int, final_attempt: bool = True) -> str:
    """Email the notice's PDF to the requester and log what happened: SENT, FAILED or SKIPPED (no address).

    A notice already emailed is not sent again (a retried task after a crash between send and log is
    the one case that can still send twice; the outbox of the notifications closes it).
    """
    notice = Notice.objects.select_related("request__requester__user").get(pk=notice_id)
    request = notice.request
    if request.events.filter(action=RequestAction.NOTICE_EMAILED, data__notice=notice.pk).exists():
        return SENT
    requester = request.requester
    address = requester_address(requester)
    if not address:
        record_event(request, action=RequestAction.NOTICE_EMAIL_SKIPPED, data={"notice": notice.pk, "number": notice.number})
        return SKIPPED
    with translation.override(DOCUMENT_LANGUAGE):  # letters and their emails are always in Indonesian
        message = EmailMessage(
            subject=_("%(kind)s nomor %(number)s") % {"kind": notice.get_kind_display(), "number": notice.number},
            body=_(
                "Yth. %(name)s,\n\nTerlampir %(kind)s atas permohonan informasi nomor %(register)s. "
                "Dokumen ini juga dapat diunduh pada halaman permohonan Anda di portal.\n\n%(office)s"
            )
            % {
                "name": requester.display_name,
                "kind": notice.get_kind_display().lower(),
                "register": request,
                "office": settings.PPID_OFFICE_NAME,
            },
            to=[address],
        )
    with notice.pdf.open("rb") as handle:
        message.attach(f"{safe_number(notice.number)}.pdf", handle.read(), "application/pdf")
    data = {"notice": notice.pk, "number": notice.number}
    if not _send(message, request=request, failed_action=RequestAction.NOTICE_EMAIL_FAILED, data=data, final_attempt=final_attempt):
        return FAILED
    record_event(request, action=RequestAction.NOTICE_EMAILED, data={"notice": notice.pk, "number": notice.number, "to": address})
    return SENT




def information_send_after_commit(delivery: Delivery) -> None:
    from ..tasks import information_email_send_task  # tasks import the services: imported when used

    transaction.on_commit(lambda: information_email_send_task.delay(delivery.pk), robust=True)


def information_email_send(*, delivery_id: int, final_attempt: bool = True) -> str:
    """Email the information files of a delivery by email, and log what happened."""
    delivery = Delivery.objects.select_related("request__requester__user").get(pk=delivery_id)
    request = delivery.request
    if request.events.filter(action=RequestAction.INFORMATION_EMAILED, data__delivery=delivery.pk).exists():
        delivery_proof_after_send(delivery_id=delivery.pk)  # a retry after a crash between the log and the proof
        return SENT
    address = requester_address(request.requester)
    if not address:
        record_event(request, action=RequestAction.INFORMATION_EMAIL_SKIPPED, data={"delivery": delivery.pk})
        return SKIPPED
    with translation.override(DOCUMENT_LANGUAGE):
        message = EmailMessage(
            subject=_("Informasi yang Anda minta, permohonan %(number)s") % {"number": request},
            body=_("Terlampir informasi yang Anda minta. Berkas juga tersedia pada halaman permohonan Anda di portal."),
            to=[address],
        )
    for material in request.materials.filter(kind=Material.Kind.INFORMATION):
        with material.file.open("rb") as handle:
            message.attach(material.original_name, handle.read())
    data = {"delivery": delivery.pk}
    if not _send(message, request=request, failed_action=RequestAction.INFORMATION_EMAIL_FAILED, data=data, final_attempt=final_attempt):
        return FAILED
    record_event(request, action=RequestAction.INFORMATION_EMAILED, data={**data, "to": address})
    delivery_proof_after_send(delivery_id=delivery.pk)
    return SENT
