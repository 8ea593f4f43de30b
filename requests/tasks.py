"""Celery tasks of the requests app: each calls one service and is safe to run again."""

from celery import shared_task


@shared_task
def search_statistics_refresh_task():
    """Nightly: the trigram counts that choose which word of a phrase the register's search looks for first."""
    from .register_search import search_statistics_refresh

    return search_statistics_refresh()
