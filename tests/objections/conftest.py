import pytest

from tests.requests.processing_helpers import fast_password_hashing, staff  # noqa: F401 (autouse fixture)


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


@pytest.fixture(autouse=True)
def indonesian_first():
    """Messages are read in Indonesian (a test that asks for English pages must not leak its language)."""
    from django.utils import translation

    with translation.override("id"):
        yield
