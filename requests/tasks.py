"""Celery tasks of requests: each takes an id, calls one service, and is safe to run again."""

from celery import shared_task

# A failed send is retried with a growing pause; every attempt is in the request's event log.
MAIL_MAX_RETRIES = 3
MAIL_RETRY_BASE_SECONDS = 60


@shared_task(bind=True, max_retries=MAIL_MAX_RETRIES)
def notice_email_send_task(self, notice_id):
    from .services.mail import FAILED, notice_send

    outcome = notice_send(notice_id=notice_id, final_attempt=self.request.retries >= self.max_retries)
    if outcome == FAILED and self.request.retries < self.max_retries:
        raise self.retry(countdown=MAIL_RETRY_BASE_SECONDS * 2**self.request.retries)
    return outcome


@shared_task(bind=True, max_retries=MAIL_MAX_RETRIES)
def information_email_send_task(self, delivery_id):
    from .services.mail import FAILED, information_email_send

    outcome = information_email_send(delivery_id=delivery_id, final_attempt=self.request.retries >= self.max_retries)
    if outcome == FAILED and self.request.retries < self.max_retries:
        raise self.retry(countdown=MAIL_RETRY_BASE_SECONDS * 2**self.request.retries)
    return outcome
