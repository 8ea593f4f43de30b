"""The office itself: settings, URLs, the Celery app, and the core every app stands on."""

from .celery import app as celery_app

__all__ = ("celery_app",)
