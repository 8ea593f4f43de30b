"""Emailing the Atasan PPID's answer to the requester, after commit, by a Celery task (objections.tasks).

As for notices (requests.services.mail): each attempt is logged for what it did (sent, failed with
the error's kind, skipped for want of an address); the answer stands and is on the requester's page
whatever the mail does. Always in Indonesian.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ppid.pdf import DOCUMENT_LANGUAGE
from requests.services.mail import FAILED, SENT, SKIPPED, requester_address

from ..events import ObjectionAction
from ..models import Answer, ObjectionEvent
from .documents import safe_number

logger = logging.getLogger("ppid.objections")


def answer_send_after_commit(answer: Answer) -> None:
    from ..tasks import answer_email_send_task  # tasks import the services: imported when used

    transaction.on_commit(lambda: answer_email_send_task.delay(answer.pk), robust=True)


def answer_send(*, answer_id: int, final_attempt: bool = True) -> str:
    answer = Answer.objects.select_related("objection__requester__user", "objection__request").get(pk=answer_id)
    objection = answer.objection
    if objection.events.filter(action=ObjectionAction.ANSWER_EMAILED, data__answer=answer.pk).exists():
        return SENT
    data = {"answer": answer.pk, "number": answer.number}
    address = requester_address(objection.requester)
    if not address:
        ObjectionEvent.objects.create(objection=objection, action=ObjectionAction.ANSWER_EMAIL_SKIPPED, data=data)
        return SKIPPED
    with translation.override(DOCUMENT_LANGUAGE):
        message = EmailMessage(
            subject=_("Tanggapan atasan PPID nomor %(number)s") % {"number": answer.number},
            body=_(
                "Yth. %(name)s,\n\nTerlampir tanggapan atasan PPID atas keberatan nomor %(objection)s "
                "(permohonan %(request)s). Dokumen ini juga dapat diunduh pada halaman keberatan Anda di portal.\n\n%(office)s"
            )
            % {
                "name": objection.requester.display_name,
                "objection": objection.register_number,
                "request": objection.request,
                "office": settings.PPID_OFFICE_NAME,
            },
            to=[address],
        )
    with answer.pdf.open("rb") as handle:
        message.attach(f"{safe_number(answer.number)}.pdf", handle.read(), "application/pdf")
    try:
        message.send()
    except Exception as error:  # the answer stands and is on the portal; the failure is logged
        logger.warning("email of answer %s failed: %s", answer.pk, error)
        ObjectionEvent.objects.create(
            objection=objection, action=ObjectionAction.ANSWER_EMAIL_FAILED, data={**data, "error": type(error).__name__, "final": final_attempt}
        )
        return FAILED
    ObjectionEvent.objects.create(objection=objection, action=ObjectionAction.ANSWER_EMAILED, data={**data, "to": address})
    return SENT
