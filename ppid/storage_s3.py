"""S3-compatible object storage (django-storages) for several servers sharing one file store.

Chosen with ``PPID_FILE_STORAGE=s3`` (settings.py builds ``STORAGES`` with ``s3_storages``).
One bucket, private throughout (no object is readable without a signature): private files
under ``private/``, DIP documents under ``public/`` (served by the portal's views too), and, with ``PPID_STATIC_STORAGE=s3``, static
files under ``static/`` (the only objects browsers fetch from the bucket directly).
"""

from __future__ import annotations

from storages.backends.s3 import S3ManifestStaticStorage, S3Storage


class PrivateS3Storage(S3Storage):
    """Private objects: no URL of their own; a signed, short-lived one only when a view asks for it."""

    private = True

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("private files have no URL; serve them through a view that checks permission")

    def signed_url(self, name, *, filename: str, inline: bool, content_type: str | None, expire: int) -> str:
        disposition = "inline" if inline else "attachment"
        parameters = {"ResponseContentDisposition": f'{disposition}; filename="{filename}"', "ResponseCacheControl": "private, no-store"}
        if content_type:
            parameters["ResponseContentType"] = content_type
        return super().url(name, parameters=parameters, expire=expire)


def s3_storages(env, *, signed_url_seconds: int, static: bool) -> dict:
    """The STORAGES entries for one private bucket, from the AWS_* variables (see docs/operations.md)."""
    common = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        "default_acl": "private",
        # Django's meaning of save(): a name already taken gets a suffix, never overwrites another file.
        "file_overwrite": False,
    }
    storages = {
        # DIP documents: served by the dip-document view; the admin links them with a signed URL.
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**common, "location": "public", "querystring_auth": True}},
        "private": {
            "BACKEND": "ppid.storage_s3.PrivateS3Storage",
            "OPTIONS": {**common, "location": "private", "querystring_auth": True, "querystring_expire": signed_url_seconds},
        },
    }
    if static:
        storages["staticfiles"] = {
            "BACKEND": "storages.backends.s3.S3ManifestStaticStorage",
            "OPTIONS": {
                **common,
                "location": "static",
                "default_acl": env.str("AWS_STATIC_ACL", default="public-read"),
                "querystring_auth": False,
                "file_overwrite": True,
                "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            },
        }
    return storages


__all__ = ["PrivateS3Storage", "S3ManifestStaticStorage", "s3_storages"]
