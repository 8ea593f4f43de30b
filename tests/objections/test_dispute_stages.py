"""Perki 1/2013 stages: registration, mediation 14 + 7 working days (none for pasal 17), decision, courts."""

import datetime as dt

import pytest

from objections.dispute_events import DisputeAction
from objections.models import Dispute
from objections.services import dispute_outcome, disputes
from objections.services.dispute_records import hearing_record
from ppid import deadlines
from ppid.rules import TransitionRefused
from ppid.services import calendar_override_set
from ppid.workdays import OfficeCalendar
from requests.models import InformationRequest, RequestEvent
from tests.objections.dispute_factories import WIB, make_answer, make_dispute, make_objection
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
Stage = Dispute.Stage
NOW = dt.datetime(2026, 12, 1, 10, tzinfo=WIB)


def build(office, make_user, *, grounds):
    request = InformationRequestFactory(received_at=dt.datetime(2026, 5, 4, 10, tzinfo=WIB), unit=office["main"])
    objection = make_objection(request, submitted_at=dt.datetime(2026, 6, 15, 10, tzinfo=WIB), grounds=grounds)
    atasan = make_user("atasan_ppid", unit=office["main"])
    make_answer(objection, answered_at=dt.datetime(2026, 8, 5, 10, tzinfo=WIB), answered_by=atasan, received_on=dt.date(2026, 8, 10))
    dispute = make_dispute(objection, filed_on=dt.date(2026, 8, 20))
    return request, dispute, make_user("dispute_desk", unit=office["main"])


def registered(dispute, desk):
    return disputes.dispute_register(
        dispute_id=dispute.pk, level="provinsi", commission="Komisi Informasi Provinsi Jawa Barat", number="045/REG-PSI/IX/2026",
        registered_on=dt.date(2026, 9, 1), actor=desk, now=NOW,
    )


def test_registration_sets_the_100_working_day_settlement_date(office, make_user):
    _request, dispute, desk = build(office, make_user, grounds=("c",))
    dispute = registered(dispute, desk)
    assert dispute.stage == Stage.REGISTRATION
    assert dispute.settlement_due == deadlines.dispute_settlement_due(dt.date(2026, 9, 1), OfficeCalendar())


def test_mediation_takes_14_working_days_and_is_extended_once_by_7(office, make_user):
    _request, dispute, desk = build(office, make_user, grounds=("c",))
    registered(dispute, desk)
    disputes.dispute_preliminary(dispute_id=dispute.pk, held_on=dt.date(2026, 9, 8), actor=desk, now=NOW)
    start = dt.date(2026, 9, 15)
    dispute = disputes.dispute_mediation_start(dispute_id=dispute.pk, started_on=start, actor=desk, now=NOW)
    calendar = OfficeCalendar()
    fourteen = calendar.add_working_days(start, 14)
    assert dispute.mediation_due == fourteen == dt.date(2026, 10, 5)
    on_the_last_day = dt.datetime(2026, 10, 5, 15, tzinfo=WIB)
    assert disputes.mediation_extend_guard(desk, dispute, on_the_last_day).allowed
    late = dt.datetime(2026, 10, 6, 8, tzinfo=WIB)
    assert not disputes.mediation_extend_guard(desk, dispute, late).allowed
    dispute = disputes.dispute_mediation_extend(dispute_id=dispute.pk, actor=desk, now=on_the_last_day)
    assert dispute.mediation_due == calendar.add_working_days(fourteen, 7) == dt.date(2026, 10, 14)
    again = disputes.mediation_extend_guard(desk, dispute, on_the_last_day)
    assert not again.allowed and "sekali" in str(again.reason)
    assert dispute.objection.events.filter(action=DisputeAction.DEADLINE_CHANGED, data__reason="stage").count() == 1


def test_a_pasal_17_dispute_skips_mediation(office, make_user):
    _request, dispute, desk = build(office, make_user, grounds=("a",))
    assert dispute.concerns_exemption
    registered(dispute, desk)
    dispute.refresh_from_db()
    verdict = disputes.mediation_guard(desk, dispute, NOW)
    assert not verdict.allowed and "pasal 17" in str(verdict.reason)
    with pytest.raises(TransitionRefused):
        disputes.dispute_mediation_start(dispute_id=dispute.pk, started_on=dt.date(2026, 9, 8), actor=desk, now=NOW)
    assert disputes.adjudication_guard(desk, dispute, NOW).allowed
    dispute = disputes.dispute_adjudication_start(dispute_id=dispute.pk, started_on=dt.date(2026, 9, 8), actor=desk, now=NOW)
    assert dispute.stage == Stage.ADJUDICATION and dispute.mediation_due is None


def test_a_decision_ordering_disclosure_reopens_fulfilment(office, make_user):
    request, dispute, desk = build(office, make_user, grounds=("a",))
    InformationRequest.objects.filter(pk=request.pk).update(status="decided", decision="refused", is_held=True)
    registered(dispute, desk)
    disputes.dispute_adjudication_start(dispute_id=dispute.pk, started_on=dt.date(2026, 9, 8), actor=desk, now=NOW)
    hearing_record(
        dispute_id=dispute.pk, held_at=dt.datetime(2026, 10, 1, 9, tzinfo=WIB), agenda="Pembuktian", place="Ruang sidang KI",
        attended_by="Atasan PPID, petugas sengketa", minutes="Para pihak menyampaikan bukti.", actor=desk, now=NOW,
    )
    dispute = dispute_outcome.dispute_decide(
        dispute_id=dispute.pk, outcome_kind="ordered_part", decided_on=dt.date(2026, 11, 2), number="012/PTS/KIP-JB/XI/2026",
        summary="Informasi diberikan dengan menghitamkan harga satuan.", actor=desk, now=NOW,
    )
    request.refresh_from_db()
    assert (request.status, request.decision) == ("decided", "partly_granted")
    reopened = RequestEvent.objects.get(request=request, action="reopened")
    assert reopened.data["reason"] == "dispute_decision" and reopened.data["reference"] == "012/PTS/KIP-JB/XI/2026"
    assert dispute.objection.events.filter(action=DisputeAction.REOPENED).exists()
    # Then the courts, cassation and the end.
    assert not dispute_outcome.cassation_guard(desk, dispute, NOW).allowed
    dispute_outcome.dispute_court_file(dispute_id=dispute.pk, court="ptun", filed_on=dt.date(2026, 11, 16), number="1/G/KI/2026/PTUN.BDG", actor=desk, now=NOW)
    dispute_outcome.dispute_cassation_file(dispute_id=dispute.pk, filed_on=dt.date(2026, 11, 25), number="99 K/TUN/KI/2026", actor=desk, now=NOW)
    dispute = dispute_outcome.dispute_close(dispute_id=dispute.pk, closed_on=dt.date(2026, 11, 30), actor=desk, now=NOW)
    assert dispute.stage == Stage.CLOSED
    stages = list(dispute.objection.events.exclude(to_status="").values_list("to_status", flat=True))
    assert stages == ["registration", "adjudication", "decided", "ptun", "cassation", "closed"]


def test_a_calendar_change_recomputes_open_disputes_with_an_event(office, make_user):
    _request, dispute, desk = build(office, make_user, grounds=("c",))
    registered(dispute, desk)
    dispute = disputes.dispute_mediation_start(dispute_id=dispute.pk, started_on=dt.date(2026, 9, 15), actor=desk, now=NOW)
    assert dispute.mediation_due == dt.date(2026, 10, 5)
    calendar_override_set(day=dt.date(2026, 9, 18), is_working_day=False, reason="Cuti bersama tambahan", actor=desk)
    dispute.refresh_from_db()
    assert dispute.mediation_due == dt.date(2026, 10, 6)
    event = dispute.objection.events.filter(action=DisputeAction.DEADLINE_CHANGED, data__reason="calendar_change").get()
    assert event.data["mediation_due"] == {"from": "2026-10-05", "to": "2026-10-06"}
    assert event.data["calendar"]["day"] == "2026-09-18"


def test_a_ppid_pembantu_dispute_officer_may_not_act_on_another_unit_s_dispute(office, make_user):
    _request, dispute, _desk = build(office, make_user, grounds=("c",))
    elsewhere = make_user("dispute_desk", unit=office["health"])
    verdict = disputes.register_guard(elsewhere, dispute, NOW)
    assert verdict.forbidden
    assert disputes.open_guard(elsewhere, dispute.objection, NOW).forbidden
