"""Recording and sending: each message is in the outbox under its unique key before it is sent.

``requester_notification_record`` is the handler of ``ppid.notify``: inside the caller's
transaction it records the notification and its email (a rollback takes both away) and queues the
email after commit. ``email_send`` claims an email under its row lock (PENDING -> SENDING) before
calling the mail server, so only one worker sends it; a failure puts it back to PENDING for the
retry (or FAILED after the last try); a crash after sending leaves it SENDING, which is never sent
again by itself: the failed-messages page shows it to an administrator.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ppid.notify import FAILED, SENT, SKIPPED
from ppid.office import office_identity
from ppid.pdf import DOCUMENT_LANGUAGE

from .kinds import requester_kind
from .models import Notification, OutgoingEmail
from .sources import deadline_source

logger = logging.getLogger("ppid.notifications")

Status = OutgoingEmail.Status
# A message SENDING for longer than this was interrupted (the worker died): it is shown as uncertain.
STUCK_AFTER = dt.timedelta(minutes=15)


def requester_key(requester_id: int) -> str:
    return f"requester:{requester_id}"


def requester_notification_record(*, kind, item_type, item_id, requester_id, key, data) -> Notification | None:
    """Record one requester notification and its email; queue the email after commit. Once per key."""
    if requester_kind(kind) is None:
        logger.warning("notification kind %s is not registered; nothing recorded", kind)
        return None
    recipient = requester_key(requester_id)
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(kind=kind, recipient_key=recipient, recipient_requester_id=requester_id)
            notification = Notification.objects.create(
                item_type=item_type,
                item_id=item_id,
                kind=kind,
                key=key,
                recipient_key=recipient,
                recipient_requester_id=requester_id,
                role=Notification.Role.REQUESTER,
                data=data,
                email=email,
            )
    except IntegrityError:  # told before (the same event recorded twice): nothing more
        return None
    transaction.on_commit(lambda: _queue(email.pk), robust=True)
    return notification


def _queue(email_id: int) -> None:
    from .tasks import email_send_task

    email_send_task.delay(email_id)


def email_queue_after_commit(email_id: int) -> None:
    transaction.on_commit(lambda: _queue(email_id), robust=True)


def _address(email: OutgoingEmail) -> tuple[str, str]:
    """(address, skip reason or "")."""
    if email.recipient_requester_id:
        requester = email.recipient_requester
        if not requester.email_notifications:
            return "", OutgoingEmail.SkipReason.PREFERENCE
        address = requester.email or (requester.user.email if requester.user_id and requester.user else "")
    else:
        address = get_user_model().objects.filter(pk=email.recipient_user_id).values_list("email", flat=True).first() or ""
    return address, ("" if address else OutgoingEmail.SkipReason.NO_ADDRESS)


def _absolute(path: str) -> str:
    return f"{settings.PPID_SITE_URL.rstrip('/')}{path}" if path else ""


def _split(text: str) -> tuple[str, str]:
    subject, _sep, body = text.strip().partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def _requester_message(email: OutgoingEmail, notification: Notification, address: str) -> EmailMessage:
    kind = requester_kind(notification.kind)
    item = kind.item(notification.item_id)
    context = {
        "item": item,
        "data": notification.data,
        "link": _absolute(kind.link(notification.item_id)),
        "requester": email.recipient_requester,
        "office": office_identity().ppid_name,
    }
    with translation.override(DOCUMENT_LANGUAGE):  # what goes to requesters is always in Indonesian
        subject, body = _split(render_to_string(kind.template_name, context))
    message = EmailMessage(subject=subject, body=body, to=[address])
    for name, content, mimetype in kind.attachments(item, notification.data):
        message.attach(name, content, mimetype)
    return message


OFFICER_TEMPLATES = {OutgoingEmail.DIGEST: "notifications/email/digest.txt", "deadline_moved": "notifications/email/deadline_moved.txt"}


def _digest_message(email: OutgoingEmail, address: str) -> EmailMessage:
    groups: dict[str, list[dict]] = defaultdict(list)
    for line in email.notifications.order_by("deadline", "item_type", "item_id"):
        source = deadline_source(line.item_type)
        groups[line.stage].append(
            {
                "what": source.label if source else line.item_type,
                "due_what": source.due_what if source else "",
                "label": line.label or f"#{line.item_id}",
                "deadline": line.deadline,
                "role": line.get_role_display(),
                "link": _absolute(source.link(line.item_id)) if source else "",
            }
        )
    stages = Notification.Stage
    context = {
        "user": email.recipient_user,
        "overdue": groups[stages.OVERDUE],
        "due_today": groups[stages.DUE_TODAY],
        "due_soon": groups[stages.DUE_SOON],
        "moved": groups[""],
        "count": sum(len(lines) for lines in groups.values()),
        "office": office_identity().ppid_name,
    }
    with translation.override(DOCUMENT_LANGUAGE):
        subject, body = _split(render_to_string(OFFICER_TEMPLATES[email.kind], context))
    return EmailMessage(subject=subject, body=body, to=[address])


def _build(email: OutgoingEmail, address: str) -> EmailMessage:
    if email.kind in OFFICER_TEMPLATES:
        return _digest_message(email, address)
    return _requester_message(email, email.notifications.get(), address)


def _log(email: OutgoingEmail, outcome: str, data: dict) -> None:
    """What happened, in the item's own event log (requester notifications) and the application log."""
    logger.info("notification email %s (%s to %s): %s %s", email.pk, email.kind, email.recipient_key, outcome, data)
    if email.kind in OFFICER_TEMPLATES:
        return
    kind = requester_kind(email.kind)
    notification = email.notifications.first()
    if kind and kind.logged and notification:
        kind.logged(item_id=notification.item_id, kind=email.kind, outcome=outcome, data={**notification.data, **data})


def _claim(email_id: int, now: dt.datetime) -> tuple[OutgoingEmail | None, str]:
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update(of=("self",)).select_related("recipient_requester__user").filter(pk=email_id).first()
        if email is None:
            return None, SKIPPED
        if email.status != Status.PENDING:  # sent, being sent by another worker, failed or skipped
            return None, email.status
        address, skip = _address(email)
        if skip:
            email.status, email.skip_reason = Status.SKIPPED, skip
            email.save(update_fields=["status", "skip_reason"])
            _log(email, SKIPPED, {"reason": skip})
            return None, SKIPPED
        email.status, email.address, email.claimed_at = Status.SENDING, address, now
        email.attempts += 1
        email.save(update_fields=["status", "address", "claimed_at", "attempts"])
        return email, ""


def email_send(*, email_id: int, final_attempt: bool = True, now: dt.datetime | None = None) -> str:
    """Send one outbox email unless it was sent, is being sent, or is not to be sent. Returns the outcome."""
    now = now or timezone.now()
    email, outcome = _claim(email_id, now)
    if email is None:
        return outcome
    try:
        _build(email, email.address).send()
    except Exception as error:  # the message stays in the outbox: retried, then shown to an administrator
        status = Status.FAILED if final_attempt else Status.PENDING
        OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(status=status, last_error=f"{type(error).__name__}: {error}"[:200])
        _log(email, FAILED, {"error": type(error).__name__, "final": final_attempt})
        return FAILED
    OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.SENT, sent_at=timezone.now(), last_error="")
    _log(email, SENT, {"to": email.address})
    return SENT


def emails_needing_attention(*, now: dt.datetime):
    """Failed after the last try, or left SENDING by an interrupted worker."""
    from django.db.models import Q

    return OutgoingEmail.objects.filter(Q(status=Status.FAILED) | Q(status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER))


@transaction.atomic
def email_send_again(*, email_id: int, actor, now: dt.datetime) -> bool:
    """An administrator's "send again": a failed or interrupted email goes back to the queue."""
    updated = emails_needing_attention(now=now).filter(pk=email_id).update(status=Status.PENDING, last_error="")
    if updated:
        logger.info("email %s queued again by %s", email_id, getattr(actor, "pk", None))
        email_queue_after_commit(email_id)
    return bool(updated)
