import pytest

from ppid.storage import PrivateFileSystemStorage


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    """Identity files of a test go to a fresh private folder, never the developer's var/.

    The model field resolved its storage at import, so the field's storage is swapped here."""
    from registry.models import IdentityDocument

    location = tmp_path / "private"
    monkeypatch.setattr(IdentityDocument._meta.get_field("file"), "storage", PrivateFileSystemStorage(location=location))
    return location


@pytest.fixture
def requester_client(client):
    """requester_client(requester) -> the test client logged in as that requester's account."""

    def login(requester):
        client.force_login(requester.user)
        return client

    return login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing costs ~0.3 s per account; these tests create many accounts and test no hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
