"""The production smoke suite: run against a running portal, never collected by ``make test``.

    make smoke URL=https://ppid.example.go.id PPID_SMOKE_PASSWORD=...

Settings come from the environment (docs/operations.md, "Checking a server"):
PPID_SMOKE_URL           the portal's address (required)
PPID_SMOKE_SECOND_URL    a second app server of the same portal: the journey's officer works there
PPID_SMOKE_ACCOUNTS      comma-separated user names, each optionally ``name:password``
                         (default: the demo accounts of ``manage.py load_demo``)
PPID_SMOKE_PASSWORD      the password of accounts listed without one
PPID_SMOKE_JOURNEY       1: also submit a request online and issue its notice (creates records!)
PPID_SMOKE_REQUESTER     the requester of the journey (default warga@contoh.id)
PPID_SMOKE_DECIDER       the officer who decides it (default ppid)
PPID_SMOKE_MAIL_DIR      a folder where the Celery worker's file email backend writes: the journey
                         then also checks the notice email was written there, i.e. by the worker
PPID_SMOKE_FORWARDED_PROTO  https: stand in for a TLS-terminating proxy in front of a bare gunicorn
PPID_SMOKE_MAX_PAGES     pages crawled per account (default 400)
"""

from __future__ import annotations

import os

import pytest

from .client import Client

DEMO_ACCOUNTS = "meja,klasifikasi,ppid,pembantu,atasan,sengketa,verifikator,admin,warga@contoh.id"
DEMO_PASSWORD = "demo-ppid-2026"


def smoke_env(name: str, default: str = "") -> str:
    return os.environ.get(f"PPID_SMOKE_{name}", default)


def accounts() -> list[tuple[str, str]]:
    password = smoke_env("PASSWORD", DEMO_PASSWORD)
    listed = []
    for entry in smoke_env("ACCOUNTS", DEMO_ACCOUNTS).split(","):
        name, _, own_password = entry.strip().partition(":")
        if name:
            listed.append((name, own_password or password))
    return listed


def account_password(name: str) -> str:
    return dict(accounts()).get(name) or smoke_env("PASSWORD", DEMO_PASSWORD)


@pytest.fixture(scope="session")
def base_url():
    url = smoke_env("URL")
    if not url:
        pytest.fail("set PPID_SMOKE_URL (make smoke URL=...) to the portal to check", pytrace=False)
    return url


@pytest.fixture(scope="session")
def new_client(base_url):
    def make(url: str | None = None) -> Client:
        return Client(url or base_url, forwarded_proto=smoke_env("FORWARDED_PROTO"))

    return make


@pytest.fixture(scope="session")
def logged_in(new_client, base_url):
    """logged_in(name, url=None) -> a client with that account's session (one login per account, server and run)."""
    clients: dict[tuple[str, str], Client] = {}

    def get(name: str, url: str | None = None) -> Client:
        key = (name, url or base_url)
        if key not in clients:
            client = new_client(url)
            client.login(name, account_password(name))
            clients[key] = client
        return clients[key]

    return get
