"""Rows of the table: list pages against the bare 50-row table, deep pages and search against page 1."""

import pytest
from django.urls import reverse

from ppid.models import User
from requests.selectors_register import RegisterFilters, cursor_of, register_rows

from .conftest import compare

pytestmark = pytest.mark.django_db
ROUNDS = 30
BARE = "/bench/bare-table/"


@pytest.fixture
def staff(seeded):
    return User.objects.get(username="bench-ppid")


def test_register_page_one_against_the_bare_table(serve, staff):
    register = reverse("requests:register")
    assert serve(register, user=staff)[0] == 200 and serve(BARE, user=staff)[0] == 200
    compare(
        "register page 1 (50 rows) vs bare 50-row template table",
        lambda: serve(register, user=staff),
        lambda: serve(BARE, user=staff),
        rounds=ROUNDS, goal=0.8, mode="throughput",
    )


def test_register_deep_page_and_search_against_page_one(serve, staff):
    register = reverse("requests:register")
    rows = register_rows(filters=RegisterFilters(), user=staff)
    depth = min(50 * 1000, rows.count() // 2)  # where page 1000 starts (or the middle of a smaller seed)
    middle = rows.values_list("received_at", "id")[depth]
    deep = f"sesudah={cursor_of(*middle)}"
    assert serve(register, user=staff, query=deep)[0] == 200
    compare(
        f"register page {depth // 50} (keyset) vs register page 1",
        lambda: serve(register, user=staff, query=deep),
        lambda: serve(register, user=staff),
        rounds=ROUNDS, goal=1.5, mode="slowdown",
    )
    number = min(4242, rows.count() // 3)  # "nomor 4242" at 100,000 rows: a handful of matches
    searches = (("a word of the text", "q=pengadaan"), ("a number", f"q=nomor+{number}"), ("a requester", "q=Pemohon+Bench+77"))
    for label, query in searches:
        status, body = serve(register, user=staff, query=query)
        assert status == 200 and b"Tidak ada permohonan" not in body, query
        compare(
            f"register text search ({label}: {query[2:]}) vs register page 1",
            lambda query=query: serve(register, user=staff, query=query),
            lambda: serve(register, user=staff),
            rounds=ROUNDS, goal=1.5, mode="slowdown",
        )


def test_work_queue_against_the_bare_table(serve, staff):
    queue = reverse("requests:processing-queue")
    assert serve(queue, user=staff)[0] == 200
    compare(
        "staff work queue vs bare 50-row template table",
        lambda: serve(queue, user=staff),
        lambda: serve(BARE, user=staff),
        rounds=ROUNDS, goal=0.5, mode="throughput",
    )
