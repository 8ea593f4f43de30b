"""System checks that guard the project's own promises."""

import importlib.metadata
import importlib.util
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

PROJECT_ROOT = Path(settings.BASE_DIR).resolve()


@register()
def requests_package_is_ours(app_configs, **kwargs):
    """Our app `requests/` shadows the PyPI library `requests`: both cannot live in one process.

    A dependency that imports the library would get our app instead and break in odd ways,
    so installing the distribution at all is refused loudly.
    """
    errors = []
    try:
        distribution = importlib.metadata.distribution("requests")
    except importlib.metadata.PackageNotFoundError:
        distribution = None
    if distribution is not None:
        errors.append(
            Error(
                f"The PyPI package 'requests' {distribution.version} is installed; it clashes with the "
                "project's own 'requests' app.",
                hint="Uninstall it and the dependency that pulled it in (pip uninstall requests).",
                id="ppid.E001",
            )
        )
    spec = importlib.util.find_spec("requests")
    origin = Path(spec.origin).resolve() if spec and spec.origin else None
    if origin is None or PROJECT_ROOT not in origin.parents:
        errors.append(
            Error(
                f"'import requests' resolves to {origin}, outside the project.",
                hint="Run from the project root so that the 'requests' app is the one imported.",
                id="ppid.E002",
            )
        )
    return errors


@register(deploy=True)
def private_media_not_shared(app_configs, **kwargs):
    """The private folder must not be readable by other users of the machine (files 0600, folders 0700)."""
    import os
    import stat

    from django.core.checks import Warning

    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if not root.exists():
        return []
    # The folder and its first level (identity/, requests/, ...): cheap enough for every deploy check.
    loose = [path for path in (root, *root.iterdir()) if os.stat(path).st_mode & (stat.S_IRWXG | stat.S_IRWXO)]
    if not loose:
        return []
    return [
        Warning(
            f"{len(loose)} files or folders under PRIVATE_MEDIA_ROOT are readable by other users (e.g. {loose[0]}).",
            hint="chmod -R go-rwx on the private folder; new files are written 0600 and folders 0700.",
            id="ppid.W003",
        )
    ]


@register(deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """Every letter's QR code points to PPID_SITE_URL: a local address prints codes nobody outside can open."""
    from urllib.parse import urlsplit

    from django.core.checks import Warning

    host = urlsplit(settings.PPID_SITE_URL).hostname or ""
    if host not in ("127.0.0.1", "localhost", "") and settings.PPID_SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"PPID_SITE_URL is {settings.PPID_SITE_URL!r}: the QR codes on letters would open no public page.",
            hint="Set PPID_SITE_URL to the portal's public https address (e.g. https://ppid.contohkab.go.id).",
            id="ppid.W004",
        )
    ]
