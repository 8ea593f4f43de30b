"""Every admin changelist, add and change page opens for a superuser (three change pages answered 500)."""

import datetime as dt
import itertools

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
_counter = itertools.count(1)


def instance_of(model, depth=0):
    """One row of any model: the first one there is, or a minimal one with every required field filled."""
    found = model._default_manager.first()
    if found is not None or depth > 6:
        return found
    values = {}
    for field in model._meta.concrete_fields:
        skip = field.primary_key or field.null or field.has_default() or getattr(field, "auto_now", False)
        if skip or getattr(field, "auto_now_add", False) or (field.blank and not field.is_relation):
            continue
        values[field.name] = _value_for(field, depth)
    return model._default_manager.create(**values)


def _value_for(field, depth):
    n = next(_counter)
    if field.is_relation:
        return instance_of(field.related_model, depth + 1)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.FileField):
        return f"uji/berkas-{n}.pdf"
    if isinstance(field, models.EmailField):
        return f"admin-uji-{n}@example.org"
    if isinstance(field, (models.CharField, models.TextField)):
        return f"u{n}"[: field.max_length or 20]
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2030, 1, 2)
    if isinstance(field, models.TimeField):
        return dt.time(9, 0)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return n
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.JSONField):
        return {}
    raise AssertionError(f"no test value for {field!r}")


def test_every_admin_page_opens_for_a_superuser(client_for, office):
    from tests.registry.factories import RequesterFactory, document_add
    from tests.requests.factories import InformationRequestFactory

    client = client_for("admin", is_staff=True, is_superuser=True)
    InformationRequestFactory(requester=document_add(RequesterFactory()).requester)
    failures = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages = [("changelist", reverse("admin:%s_%s_changelist" % info))]
        pages.append(("add", reverse("admin:%s_%s_add" % info)))
        obj = instance_of(model)
        if obj is not None:
            pages.append(("change", reverse("admin:%s_%s_change" % info, args=[obj.pk])))
        for kind, url in pages:
            status = client.get(url).status_code
            # "add" is closed where the services create the rows; a one-row list (office settings) goes to its row
            allowed = {"add": {200, 403}, "changelist": {200, 302}}.get(kind, {200})
            if status not in allowed:
                failures.append(f"{model.__name__} {kind}: {status}")
    assert failures == []


@pytest.mark.parametrize("model_name", ["material", "notice", "delivery"])
def test_change_pages_of_records_with_private_files_open_without_linking_the_file(client_for, office, model_name):
    from django.apps import apps

    client = client_for("admin", is_staff=True, is_superuser=True)
    obj = instance_of(apps.get_model("requests", model_name))
    response = client.get(reverse(f"admin:requests_{model_name}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert "uji/berkas-" not in response.content.decode()  # private files open only through the logged views


def test_the_search_trigram_counts_are_read_only_and_for_superusers_alone(client_for, office):
    """The nightly counts (requests.register_search) are shown, never edited: staff without the
    superuser's rights get 403, a requester is sent to the admin's login, and nothing can be
    added, changed or deleted."""
    from requests.models import SearchTrigram
    from tests.registry.factories import RequesterFactory

    row = SearchTrigram.objects.create(trigram="qzx", request_count=12)
    changelist = reverse("admin:requests_searchtrigram_changelist")
    change = reverse("admin:requests_searchtrigram_change", args=[row.pk])
    assert client_for("ppid", is_staff=True).get(changelist).status_code == 403
    requester_client = client_for("admin")
    requester_client.force_login(RequesterFactory().user)
    assert requester_client.get(changelist).status_code == 302
    superuser = client_for("admin", is_staff=True, is_superuser=True)
    page = superuser.get(changelist, {"q": "%' OR 1=1 --"})
    assert page.status_code == 200 and "qzx" not in page.content.decode()
    assert "qzx" in superuser.get(changelist, {"q": "qzx"}).content.decode()
    assert superuser.get(reverse("admin:requests_searchtrigram_add")).status_code == 403
    assert superuser.post(change, {"trigram": "xyz", "request_count": 1}).status_code == 403
    assert superuser.post(reverse("admin:requests_searchtrigram_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    row.refresh_from_db()
    assert (row.trigram, row.request_count) == ("qzx", 12)
