"""Hostile strings and files over every form of the portal: no 500, nothing half-saved.

For each URL of the permission matrix, the first identity that may open it (GET 200) fills the
page's form: every text field with one hostile string (NUL, other control characters, bidi
overrides, a 1,000,000-character text, HTML and script), choices with a valid choice, dates with
a valid date, and every file field with a hostile file. A refused value must change no row of
the project's tables and leave no new file behind; an accepted one must render escaped.
"""

import logging
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests.registry.files import pdf_bytes
from tests.test_permission_matrix import MATRIX, expand, url_for, url_names, world  # noqa: F401  (world: the fixture)

pytestmark = pytest.mark.django_db

REFUSED_STRINGS = {
    "nul": "Budi\x00Santoso",
    "control": "Jl. Merdeka\x1b[31m 1\x07",
    "huge": "x" * 1_000_000,
}
ACCEPTED_STRINGS = {
    "bidi": "Siti \u202eanimA\u202c",
    "html": '<script>alert("x")</script><img src=x onerror=alert(1)>',
}
HOSTILE_FILES = {
    "html-as-pdf": ("surat.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
    "pdf-with-javascript": ("ktp.pdf", pdf_bytes(javascript=True), "application/pdf"),
    "empty": ("kosong.png", b"", "image/png"),
}
# Logs and counters that may grow on any request; everything else must not change on a refusal.
GROWING = {"axes_accessattempt", "axes_accesslog", "axes_accessfailurelog", "django_session", "ppid_throttlehit", "registry_identityaccesslog"}
PREFERRED = ("req_a", "desk_officer@utama", "ppid@utama", "classification_reviewer@utama", "ppid_pembantu@pembantu", "super", "anon")


def row_counts():
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table not in GROWING and not model._meta.proxy
    }


def files_under(root: Path):
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def value_for(field, text, upload):
    if isinstance(field, forms.FileField):
        return upload
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.ModelMultipleChoiceField):
        first = field.queryset.first()
        return [first.pk] if first else []
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return first.pk if first else ""
    if isinstance(field, forms.MultipleChoiceField):
        return [field.choices[-1][0]] if field.choices else []
    if isinstance(field, forms.ChoiceField):
        values = [value for value, _label in field.choices if value not in ("", None)]
        return values[0] if values else ""
    if isinstance(field, forms.DateTimeField):
        return "2030-01-02 10:00"
    if isinstance(field, forms.DateField):
        return "2030-01-02"
    if isinstance(field, forms.TimeField):
        return "10:00"
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return "1"
    return text


def form_cases(world):
    """(name, url, identity, form, method) for every page that shows a form to someone."""
    cases = []
    for name, pattern in url_names():
        if name not in MATRIX or name in ("logout", "set_language", "admin:index"):
            continue
        get_answers, post_answers = (expand(spec) for spec in MATRIX[name])
        identity = next((who for who in PREFERRED if 200 in get_answers.get(who, ())), None)
        if identity is None:
            continue
        url = url_for(name, pattern, world)
        if name == "requests:desk-create":
            url += f"?requester={world['args']['requester'][0]}"  # the form shows once a requester is chosen
        with transaction.atomic():
            response = world["clients"][identity].get(url)
            transaction.set_rollback(True)
        form = (response.context or {}).get("form") if response.status_code == 200 else None
        if isinstance(form, forms.BaseForm) and form.fields:
            cases.append((name, url, identity, form, "get" if 405 in post_answers.get(identity, ()) else "post"))
    return cases


def submit(world, case, text, upload_spec):
    name, url, identity, form, method = case
    upload = SimpleUploadedFile(*upload_spec) if upload_spec else None
    data = {}
    for field_name, field in form.fields.items():
        value = value_for(field, text, upload if isinstance(field, forms.FileField) else None)
        if value is not None:
            data[form.add_prefix(field_name)] = value
    client = world["clients"][identity]
    if method == "get":
        data = {key: value for key, value in data.items() if not hasattr(value, "read")}
        return client.get(url, data)
    return client.post(url, data)


def test_hostile_strings_and_files_over_every_form(world, tmp_path, settings):
    cases = form_cases(world)
    covered = {case[0] for case in cases}
    expected_forms = {
        "login", "password_reset", "registry:register-kind", "registry:email-resend", "registry:profile-edit",
        "registry:document-upload", "registry:verification-reject", "registry:desk-search", "registry:desk-create",
        "requests:submit", "requests:desk-create", "requests:status", "requests:register", "dip-create", "dip-edit",
        "requests:processing-assign", "requests:processing-review", "requests:processing-decide",
        "objections:file-online", "objections:file-desk", "objections:mine-accept", "objections:register",
    }
    assert expected_forms <= covered, sorted(expected_forms - covered)
    roots = [tmp_path, Path(settings.MEDIA_ROOT)]
    problems = []
    logging.disable(logging.ERROR)
    try:
        for case in cases:
            has_file = any(isinstance(field, forms.FileField) for field in case[3].fields.values())
            has_text = any(
                isinstance(field, forms.CharField) and not isinstance(field, forms.FileField) for field in case[3].fields.values()
            )
            # A form without a text field (e.g. choosing an assignee) has nothing a hostile string could refuse.
            trials = [(label, text, None, has_text) for label, text in REFUSED_STRINGS.items()]
            trials += [(label, text, None, False) for label, text in ACCEPTED_STRINGS.items()]
            if has_file:
                trials += [(label, "Teks biasa", spec, True) for label, spec in HOSTILE_FILES.items()]
            for label, text, upload_spec, must_refuse in trials:
                before_rows, before_files = row_counts(), set().union(*(files_under(root) for root in roots))
                with transaction.atomic():
                    try:
                        response = submit(world, case, text, upload_spec)
                    except Exception as error:  # the test client re-raises what would be a 500
                        problems.append(f"{case[0]} as {case[2]} with {label}: {type(error).__name__}: {error}"[:300])
                        transaction.set_rollback(True)
                        continue
                    after_rows = row_counts()
                    transaction.set_rollback(True)
                after_files = set().union(*(files_under(root) for root in roots))
                if response.status_code >= 500:
                    problems.append(f"{case[0]} as {case[2]} with {label}: {response.status_code}")
                if must_refuse and after_rows != before_rows:
                    changed = {table for table in after_rows if after_rows[table] != before_rows[table]}
                    problems.append(f"{case[0]} as {case[2]} with {label}: saved {sorted(changed)}")
                if must_refuse and after_files - before_files:
                    problems.append(f"{case[0]} as {case[2]} with {label}: left files {sorted(after_files - before_files)}")
                if label == "html" and b"<script>alert" in response.content:
                    problems.append(f"{case[0]} as {case[2]}: unescaped script in the answer")
    finally:
        logging.disable(logging.NOTSET)
    assert problems == [], "\n".join(problems)
