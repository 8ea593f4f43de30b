"""Every account logs in, and every page and PDF it can reach answers without a server error.

A link that answers 403 or 404 is not a server error, but a page offered what the account may
not open: such links are reported as warnings (pytest's warnings summary), not failures.
"""

import warnings

import pytest

from .conftest import accounts, smoke_env
from .crawl import crawl

STARTS = ["", "informasi-publik/", "kalender-kerja/", "maklumat-pelayanan/", "permohonan/status/"]


def _report(who, result):
    print(f"\n{who}: {len(result.visited)} pages, {result.pdfs} PDFs; slowest {result.slowest()}")
    if result.client_errors:
        warnings.warn(f"{who} reached links answering 4xx: " + "; ".join(result.client_errors), stacklevel=2)


@pytest.mark.parametrize("server", ["URL", "SECOND_URL"])
def test_health_endpoint_answers(server, new_client):
    if not smoke_env(server):
        pytest.skip(f"PPID_SMOKE_{server} not set")
    response = new_client(smoke_env(server)).get("health/")
    assert response.status == 200, response.text


def test_anonymous_visitor_reaches_only_working_pages(new_client):
    result = crawl(new_client(), STARTS, max_pages=int(smoke_env("MAX_PAGES", "400")))
    _report("anonymous", result)
    assert result.visited, "nothing was crawled"
    assert not result.errors, "\n".join(result.errors)


@pytest.mark.parametrize("name", [name for name, _password in accounts()])
def test_account_logs_in_and_every_reachable_page_answers(name, logged_in):
    client = logged_in(name)
    result = crawl(client, [*STARTS, "admin/"], max_pages=int(smoke_env("MAX_PAGES", "400")))
    _report(name, result)
    assert len(result.visited) > len(STARTS), "the crawl reached nothing beyond the start pages"
    assert not result.errors, "\n".join(result.errors)
