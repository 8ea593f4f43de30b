"""Periodic office work. Sweeps are idempotent: what was sent is recorded, so a retry sends nothing twice.

This module is part of the project layer (with the Celery schedule), so it may call the apps'
services; the core modules of ppid never import them.
"""

from celery import shared_task
from django.utils import timezone


@shared_task
def purge_identity_files():
    """Daily: delete identity files kept past the retention period (idempotent: deleted files are gone)."""
    from django.core.management import call_command

    call_command("purge_identity_files")


@shared_task
def build_generated_file(file_id):
    """Build one background document or export (ppid.generated); idempotent: a started job is left alone."""
    from .generated import generated_file_build

    generated_file_build(file_id=file_id, now=timezone.now())


@shared_task
def purge_generated_files():
    """Daily: delete background documents past their expiry (idempotent)."""
    from .generated import generated_files_purge

    return generated_files_purge(now=timezone.now())


@shared_task
def expire_unconfirmed_registrations():
    """Hourly: delete online registrations whose email was never confirmed in time. Returns how many."""
    from registry.services import registrations_unconfirmed_expire

    return registrations_unconfirmed_expire(now=timezone.now())
