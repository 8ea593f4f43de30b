import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from ppid import checks

ROOT = Path(settings.BASE_DIR)


def test_production_profile_passes_check_deploy_without_warnings(tmp_path):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_PROFILE": "production",
        "SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-0123456789abcdef",
        "ALLOWED_HOSTS": "ppid.example.go.id",
        "PPID_SITE_URL": "https://ppid.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DEBUG": "false",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),  # not the developer's var/ (ppid.W003 looks at its modes)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_local_site_url_is_a_deploy_warning_since_letters_print_it_in_their_qr_code(settings):
    settings.PPID_SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in checks.site_url_is_public(None)] == ["ppid.W004"]
    settings.PPID_SITE_URL = "https://ppid.contohkab.go.id"
    assert checks.site_url_is_public(None) == []


def test_production_profile_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_PROFILE": "production", "SECRET_KEY": "", "DATABASE_URL": f"sqlite:///{tmp_path / 'x'}"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_office_language_and_time_zone_defaults():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == os.environ.get("TIME_ZONE", "Asia/Jakarta")


def test_private_files_are_not_under_the_public_media_root():
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    public = Path(settings.MEDIA_ROOT).resolve()
    assert public not in private.parents and private != public
    assert settings.STORAGES["private"]["OPTIONS"]["base_url"] is None


def test_requests_import_is_the_project_app_and_the_check_passes():
    import requests

    assert Path(requests.__file__).resolve().parent == ROOT / "requests"
    assert checks.requests_package_is_ours(None) == []


def test_check_fails_loudly_when_the_pypi_requests_distribution_is_installed(monkeypatch):
    real = importlib.metadata.distribution

    class FakeDistribution:
        version = "2.32.3"

    def fake(name):
        return FakeDistribution() if name == "requests" else real(name)

    monkeypatch.setattr(importlib.metadata, "distribution", fake)
    errors = checks.requests_package_is_ours(None)
    assert [error.id for error in errors] == ["ppid.E001"]


def test_no_installed_distribution_is_named_requests():
    names = {dist.metadata["Name"].lower() for dist in importlib.metadata.distributions()}
    assert "requests" not in names
