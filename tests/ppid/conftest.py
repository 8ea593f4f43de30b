import os
import secrets

import pytest

from tests.s3server import MotoServer, moto_server_command


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A moto S3 server for the session (skips without moto: see tests/s3server.py)."""
    command = moto_server_command()
    if command is None:
        pytest.skip("moto_server not found: run 'make moto' (or set PPID_TEST_MOTO_SERVER)")
    server = MotoServer(command, tmp_path_factory.mktemp("moto"))
    yield server
    server.stop()


@pytest.fixture
def s3_bucket(s3_server):
    """A fresh private bucket per test."""
    return s3_server.bucket_create(f"ppid-test-{secrets.token_hex(6)}")


@pytest.fixture(autouse=True)
def _no_stray_aws_environment(monkeypatch):
    # boto3 must use what the test gives it, never a developer's ~/.aws profile or variables.
    for key in [key for key in os.environ if key.startswith("AWS_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
