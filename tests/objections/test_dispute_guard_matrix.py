"""Every stage x pasal 17 or not x role: the dispute page offers exactly the actions whose guard allows them."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from objections.models import Dispute
from objections.services.dispute_actions import DISPUTE_ACTIONS
from tests.objections.dispute_factories import WIB, make_dispute, make_objection
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 9, 20, 10, tzinfo=WIB)


def test_the_page_and_the_guards_agree_everywhere(client, office, make_user):
    actors = {"desk": make_user("dispute_desk", unit=office["main"]), "ppid": make_user("ppid", unit=office["main"])}
    with time_machine.travel(NOW, tick=False):
        for exemption in (False, True):
            request = InformationRequestFactory(unit=office["main"])
            objection = make_objection(request, submitted_at=dt.datetime(2026, 6, 15, 10, tzinfo=WIB), grounds=("a",) if exemption else ("c",))
            dispute = make_dispute(objection, filed_on=dt.date(2026, 8, 20), registered_on=dt.date(2026, 9, 1))
            for stage in Dispute.Stage.values:
                mediation = dt.date(2026, 9, 15) if stage == Dispute.Stage.MEDIATION else None
                Dispute.objects.filter(pk=dispute.pk).update(stage=stage, mediation_started_on=mediation, mediation_due=mediation and dt.date(2026, 10, 5))
                dispute.refresh_from_db()
                for name, actor in actors.items():
                    client.force_login(actor)
                    page = client.get(reverse("disputes:detail", args=[dispute.pk])).content.decode()
                    for action in DISPUTE_ACTIONS:
                        allowed = action.guard(actor, dispute, NOW).allowed
                        offered = f'href="{action.url(dispute)}"' in page
                        assert offered == allowed, (stage, exemption, name, action.name, allowed)
