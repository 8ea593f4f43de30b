"""The end of a dispute: the decision (or mediation agreement), the courts, closing.

An outcome that orders the information given reopens the request for fulfilment through
``requests.services.lifecycle.request_reopen_for_fulfilment``, as an Atasan's overturn does; the
PPID then hands it over as usual. A request still awaiting its notice needs no reopening (the PPID
decides it in the ordinary way); the event says so.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ppid.rules import verdict_enforce
from requests.models import Decision, InformationRequest
from requests.services.lifecycle import request_reopen_for_fulfilment

from ..dispute_events import DisputeAction
from ..models import Dispute
from .disputes import (
    Stage,
    _last_stage_date,
    _move,
    _stage_date,
    cassation_guard,
    close_guard,
    court_guard,
    decide_guard,
    dispute_event,
    lock_dispute,
)

REOPENABLE = (InformationRequest.Status.DECIDED, InformationRequest.Status.FULFILLED, InformationRequest.Status.CLOSED)


@transaction.atomic
def dispute_decide(
    *, dispute_id: int, outcome_kind: str, decided_on: dt.date, number: str, summary: str, actor, now: dt.datetime
) -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(decide_guard(actor, dispute, now))
    _stage_date(decided_on, after=_last_stage_date(dispute), now=now)
    from_stage = dispute.stage
    fields = {"outcome_kind": outcome_kind, "decided_on": decided_on, "decision_number": number, "outcome": summary}
    data = {"outcome_kind": outcome_kind, "number": number, "on": decided_on.isoformat(), "in_stage": from_stage}
    _move(dispute, to=Stage.DECIDED, fields=fields, actor=actor, action=DisputeAction.DECIDED, note="", data=data)
    if outcome_kind in Dispute.ORDERS_DISCLOSURE:
        decision = Decision.GRANTED if outcome_kind == Dispute.OutcomeKind.ORDERED_FULL else Decision.PARTLY_GRANTED
        request = InformationRequest.objects.get(pk=dispute.objection.request_id)
        if request.status in REOPENABLE:
            request_reopen_for_fulfilment(
                request_id=request.pk, decision=decision, reason_code="dispute_decision", reference=number or str(dispute.pk),
                actor=actor, now=now,
            )
            dispute_event(dispute, action=DisputeAction.REOPENED, actor=actor, data={"request": request.pk, "decision": decision})
    return dispute


@transaction.atomic
def dispute_court_file(*, dispute_id: int, court: str, filed_on: dt.date, number: str, actor, now, note="") -> Dispute:
    """A party objects to the decision: PTUN for a state body, the Pengadilan Negeri otherwise (UU KIP pasal 47)."""
    if court not in (Stage.ADMINISTRATIVE_COURT, Stage.DISTRICT_COURT):
        raise ValueError("court is ptun or pn")
    dispute = lock_dispute(dispute_id)
    verdict_enforce(court_guard(actor, dispute, now))
    _stage_date(filed_on, after=_last_stage_date(dispute), now=now)
    fields = {"court_filed_on": filed_on, "court_case_number": number}
    data = {"court": court, "number": number, "on": filed_on.isoformat()}
    return _move(dispute, to=court, fields=fields, actor=actor, action=DisputeAction.COURT_FILED, note=note, data=data)


@transaction.atomic
def dispute_cassation_file(*, dispute_id: int, filed_on: dt.date, number: str, actor, now, note="") -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(cassation_guard(actor, dispute, now))
    _stage_date(filed_on, after=_last_stage_date(dispute), now=now)
    fields = {"cassation_filed_on": filed_on, "cassation_case_number": number}
    data = {"number": number, "on": filed_on.isoformat()}
    return _move(dispute, to=Stage.CASSATION, fields=fields, actor=actor, action=DisputeAction.CASSATION_FILED, note=note, data=data)


@transaction.atomic
def dispute_close(*, dispute_id: int, closed_on: dt.date, actor, now, note="") -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(close_guard(actor, dispute, now))
    _stage_date(closed_on, after=_last_stage_date(dispute), now=now)
    return _move(
        dispute, to=Stage.CLOSED, fields={"closed_on": closed_on}, actor=actor, action=DisputeAction.CLOSED, note=note,
        data={"on": closed_on.isoformat()},
    )
