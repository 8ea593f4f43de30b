"""Celery tasks of the notifications: each takes an id (or nothing), calls one service, and is safe to run again."""

from celery import shared_task
from django.utils import timezone

# A failed send is retried with a growing pause (1, 2, 4 minutes); then an administrator sees it.
MAIL_MAX_RETRIES = 3
MAIL_RETRY_BASE_SECONDS = 60


@shared_task(bind=True, max_retries=MAIL_MAX_RETRIES)
def email_send_task(self, email_id):
    from .outbox import FAILED, email_send

    outcome = email_send(email_id=email_id, final_attempt=self.request.retries >= self.max_retries)
    if outcome == FAILED and self.request.retries < self.max_retries:
        raise self.retry(countdown=MAIL_RETRY_BASE_SECONDS * 2**self.request.retries)
    return outcome


@shared_task
def deadline_sweep_task(trigger="beat"):
    """The daily sweep (07:00 office time): returns how many notifications were recorded."""
    from .sweep import deadline_sweep

    return deadline_sweep(now=timezone.now(), trigger=trigger).notifications


@shared_task
def calendar_recompute_task(change=None):
    """After a calendar override: recompute every open deadline and tell the officers whose items moved."""
    from .calendar import calendar_change_recompute

    return calendar_change_recompute(change=change or {}, now=timezone.now())
