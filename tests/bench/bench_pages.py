"""Rows of the table: list pages against the bare 50-row table, deep pages and search against page 1."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from ppid.models import User

from .conftest import compare

pytestmark = pytest.mark.django_db
ROUNDS = 30


@pytest.fixture
def staff(seeded):
    return User.objects.get(username="bench-ppid")


def test_register_page_one_against_the_bare_table(serve, staff):
    register = reverse("requests:register")
    assert serve(register, user=staff)[0] == 200
    assert serve("/bench/bare-table/", user=staff)[0] == 200
    compare(
        "register page 1 (50 rows) vs bare 50-row template table",
        lambda: serve(register, user=staff),
        lambda: serve("/bench/bare-table/", user=staff),
        rounds=ROUNDS, goal=0.8, mode="throughput",
    )
