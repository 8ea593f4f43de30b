"""The Celery app. Tasks take primary keys and call a service; periodic work is an idempotent sweep."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun

from .logs import connect_task_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")

app = Celery("ppid")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
connect_task_signals()  # a task's log lines carry the id of the request that dispatched it

# The daily sweeps run early in the office's morning (CELERY_TIMEZONE is the office zone).
app.conf.beat_schedule = {
    # Every watched deadline (requests, objections, disputes): one digest per officer (notifications.sweep).
    "deadline-reminders": {
        "task": "notifications.tasks.deadline_sweep_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # The register search's trigram counts (requests.register_search.search_statistics_refresh).
    "search-statistics": {
        "task": "requests.tasks.search_statistics_refresh_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "generated-files-purge": {
        "task": "ppid.tasks.purge_generated_files",
        "schedule": crontab(hour=2, minute=45),
    },
    "identity-retention-purge": {
        "task": "ppid.tasks.purge_identity_files",
        "schedule": crontab(hour=2, minute=15),
    },
    "unconfirmed-registrations-expiry": {
        "task": "ppid.tasks.expire_unconfirmed_registrations",
        "schedule": crontab(minute=40),
    },
}


@task_prerun.connect
def _stamp_scope_open(**kwargs):
    """Each task reads the stamps once, at its first use of a cached snapshot (ppid.stamps)."""
    from .stamps import stamp_scope_open

    stamp_scope_open()


@task_postrun.connect
def _stamp_scope_close(**kwargs):
    from .stamps import stamp_scope_close

    stamp_scope_close()


def ensure_filesystem_broker_folders():
    """Kombu's filesystem transport needs its folders before the first message."""
    from django.conf import settings

    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)
