from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from ppid.models import Unit
from ppid.roles import ROLE_LABELS
from requests.models import InformationRequest

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_harmlessly_and_prints_one_account_per_role(settings):
    settings.DEBUG = True
    for _ in range(2):
        out = StringIO()
        call_command("load_demo", stdout=out)
    assert Unit.objects.filter(kind=Unit.Kind.ASSISTING).count() == 3
    assert Unit.objects.filter(kind=Unit.Kind.MAIN).count() == 1
    User = get_user_model()
    for role in ROLE_LABELS:
        assert User.objects.filter(groups__name=role).exists(), role
    # Two requests in intake, three refused and objected to (ppid/management/commands/_demo_objections.py),
    # one taken to the Komisi Informasi (_demo_dispute.py).
    assert InformationRequest.objects.count() == 6
    from objections.models import Dispute, Objection

    assert Objection.objects.filter(status__in=["answered", "in_review", "registered"]).count() >= 3
    assert InformationRequest.objects.filter(events__action="reopened").count() == 1
    dispute = Dispute.objects.get()  # one dispute in mediation, with its hearing
    assert dispute.stage == Dispute.Stage.MEDIATION and dispute.hearings.count() == 1 and dispute.mediation_due is not None
    assert "demo-ppid-2026" in out.getvalue()


def test_demo_data_is_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
