import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def indonesian_first():
    """Messages are read in Indonesian (a test that asks for English pages must not leak its language)."""
    from django.utils import translation

    with translation.override("id"):
        yield
