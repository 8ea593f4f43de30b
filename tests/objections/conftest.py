import pytest

from tests.requests.processing_helpers import fast_password_hashing, staff  # noqa: F401 (autouse fixture)


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)
