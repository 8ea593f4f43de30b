"""Celery tasks of objections: each takes an id, calls one service, and is safe to run again."""

from celery import shared_task

MAIL_MAX_RETRIES = 3
MAIL_RETRY_BASE_SECONDS = 60


@shared_task(bind=True, max_retries=MAIL_MAX_RETRIES)
def answer_email_send_task(self, answer_id):
    from .services.mail import FAILED, answer_send

    outcome = answer_send(answer_id=answer_id, final_attempt=self.request.retries >= self.max_retries)
    if outcome == FAILED and self.request.retries < self.max_retries:
        raise self.retry(countdown=MAIL_RETRY_BASE_SECONDS * 2**self.request.retries)
    return outcome
