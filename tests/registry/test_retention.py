"""The retention purge: identity files go once nothing is open and the last activity is old enough."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from objections.models import Dispute, Objection
from ppid.codes import new_tracking_code
from registry.models import IdentityAccessLog, IdentityDocument, Requester
from registry.services import identity_files_purge
from requests.models import InformationRequest, RequestEvent
from tests.registry.factories import RequesterFactory, document_add
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

RETENTION_DAYS = 30


@pytest.fixture(autouse=True)
def retention(settings):
    settings.PPID_IDENTITY_RETENTION_DAYS = RETENTION_DAYS


def long_ago():
    return timezone.now() - dt.timedelta(days=RETENTION_DAYS + 5)


def idle_requester():
    """A verified requester with a KTP file, everything they did lying before the retention period."""
    requester = RequesterFactory()
    document_add(requester)
    old = long_ago()
    IdentityDocument.objects.filter(requester=requester).update(uploaded_at=old)
    Requester.objects.filter(pk=requester.pk).update(updated_at=old, created_at=old)
    requester.user.last_login = old
    requester.user.save(update_fields=["last_login"])
    return requester


def request_for(requester, status, *, old=True):
    request = InformationRequestFactory(requester=requester, status=status)
    if old:
        moment = long_ago()
        InformationRequest.objects.filter(pk=request.pk).update(created_at=moment, received_at=moment)
        RequestEvent.objects.filter(request=request).update(at=moment)
    return request


def objection_for(request, status):
    objection = Objection.objects.create(
        tracking_code=new_tracking_code(),
        request=request,
        requester=request.requester,
        reasons="Tidak ditanggapi",
        submitted_at=long_ago(),
        status=status,
    )
    Objection.objects.filter(pk=objection.pk).update(created_at=long_ago())
    return objection


def purge():
    from django.test import TestCase

    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):  # files go once each purge transaction commits
        call_command("purge_identity_files", stdout=out)
    return out.getvalue()


def test_idle_requester_loses_identity_files_and_each_deletion_is_logged(private_media):
    requester = idle_requester()
    path = private_media / requester.documents.get().file.name
    assert path.exists()
    output = purge()
    assert "1 berkas" in output
    assert not requester.documents.exists() and not path.exists()
    entry = IdentityAccessLog.objects.get(action="delete")
    assert entry.requester == requester and "retensi" in entry.description and entry.document is None
    requester.refresh_from_db()
    assert requester.verification_status == "verified"  # the decision stays on record; only files go


def test_recent_activity_keeps_the_files():
    requester = idle_requester()
    requester.user.last_login = timezone.now()
    requester.user.save(update_fields=["last_login"])
    purge()
    assert requester.documents.exists()


def test_open_request_keeps_the_files_however_old():
    requester = idle_requester()
    request_for(requester, InformationRequest.Status.IN_REVIEW)
    purge()
    assert requester.documents.exists()


def test_closed_old_request_does_not_keep_the_files():
    requester = idle_requester()
    request_for(requester, InformationRequest.Status.CLOSED)
    purge()
    assert not requester.documents.exists()


def test_request_closed_recently_keeps_the_files():
    requester = idle_requester()
    request = request_for(requester, InformationRequest.Status.CLOSED)
    RequestEvent.objects.create(request=request, action="close", from_status="fulfilled", to_status="closed")
    purge()
    assert requester.documents.exists()


def test_open_objection_keeps_the_files():
    requester = idle_requester()
    request = request_for(requester, InformationRequest.Status.CLOSED)
    objection_for(request, Objection.Status.IN_REVIEW)
    purge()
    assert requester.documents.exists()


def test_undecided_dispute_keeps_the_files():
    requester = idle_requester()
    request = request_for(requester, InformationRequest.Status.CLOSED)
    objection = objection_for(request, Objection.Status.ANSWERED)
    dispute = Dispute.objects.create(objection=objection, filed_on=long_ago().date(), stage=Dispute.Stage.MEDIATION)
    Dispute.objects.filter(pk=dispute.pk).update(created_at=long_ago())
    purge()
    assert requester.documents.exists()
    Dispute.objects.filter(pk=dispute.pk).update(stage=Dispute.Stage.CLOSED)
    purge()
    assert not requester.documents.exists()


def test_dry_run_deletes_nothing():
    requester = idle_requester()
    out = StringIO()
    call_command("purge_identity_files", "--dry-run", stdout=out)
    assert "uji coba" in out.getvalue()
    assert requester.documents.exists()


def test_purge_twice_deletes_once():
    idle_requester()
    purge()
    assert "0 berkas" in purge()
    assert IdentityAccessLog.objects.filter(action="delete").count() == 1


def test_purge_service_deletes_exactly_the_given_requesters(private_media):
    kept, purged = RequesterFactory(), RequesterFactory()
    document_add(kept)
    document_add(purged)
    document_add(purged, "ktp")
    assert identity_files_purge(requesters=[purged]) == 2
    assert kept.documents.count() == 1 and not purged.documents.exists()
    assert IdentityAccessLog.objects.filter(action="delete", requester=purged).count() == 2


def test_registry_never_imports_requests_or_objections():
    import pathlib

    import registry

    root = pathlib.Path(registry.__file__).parent
    for source in root.rglob("*.py"):
        text = source.read_text()
        assert "from requests" not in text and "import requests" not in text, source
        assert "from objections" not in text and "import objections" not in text, source


def test_retention_period_set_by_an_administrator_wins_over_the_deployment_default():
    from ppid.models import OfficeSettings

    requester = idle_requester()  # idle for RETENTION_DAYS + 5 days
    OfficeSettings.objects.update_or_create(pk=1, defaults={"identity_retention_days": RETENTION_DAYS + 30})
    purge()
    assert requester.documents.exists()
    OfficeSettings.objects.filter(pk=1).update(identity_retention_days=RETENTION_DAYS)
    purge()
    assert not requester.documents.exists()


def test_activity_after_the_selection_keeps_the_files(private_media):
    """The purge asks again once the requester's row is locked: a request filed meanwhile keeps the files."""
    requester = idle_requester()
    deleted = identity_files_purge(requesters=[requester], still_due=lambda requester_id: False)
    assert deleted == 0 and requester.documents.exists()
