"""Reads of the dispute desk: the queue, one dispute with its ledger, the requester's own objection.

Staff see a dispute when they may view disputes (``objections.view_dispute`` or
``objections.handle_dispute``) and the request behind it is in their scope
(``requests.services.access.requests_visible_to_staff``); anything else answers 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ppid import law
from ppid.workdays import DaySource, OfficeCalendar
from requests.selectors_ledger import LATE, ON_TIME, OVERDUE, PENDING, LedgerStage, SkippedDay
from requests.services.access import requests_visible_to_staff

from .dispute_events import dispute_action_label, dispute_event_detail
from .models import Dispute, DisputeDocument, Objection
from .services.dispute_deadlines import FilingWindow, dispute_window

Stage = Dispute.Stage
ELIGIBLE_STATUSES = (Objection.Status.REGISTERED, Objection.Status.IN_REVIEW, Objection.Status.ANSWERED)


def disputes_visible_to(user):
    return Dispute.objects.filter(objection__request__in=requests_visible_to_staff(user=user))


def objections_visible_to(user):
    return Objection.objects.filter(request__in=requests_visible_to_staff(user=user))


def staff_dispute(*, user, pk: int) -> Dispute:
    return get_object_or_404(
        disputes_visible_to(user).select_related("objection__request__requester", "objection__requester", "filed_by"), pk=pk
    )


def staff_objection(*, user, pk: int) -> Objection:
    return get_object_or_404(objections_visible_to(user).select_related("request", "requester"), pk=pk)


def requester_objection(*, user, pk: int) -> Objection:
    return get_object_or_404(Objection.objects.select_related("request", "requester"), pk=pk, requester__user=user)


def staff_document(*, user, pk: int) -> DisputeDocument:
    return get_object_or_404(DisputeDocument.objects.filter(dispute__in=disputes_visible_to(user)), pk=pk)


@dataclass(frozen=True)
class EligibleObjection:
    objection: Objection
    window: FilingWindow
    answered: bool


def dispute_queue(*, user, now: dt.datetime) -> dict:
    """Open disputes by their next date, and the objections whose 14-day window is running (constant queries)."""
    calendar = OfficeCalendar()
    today = calendar.local_date(now)
    disputes = list(
        disputes_visible_to(user)
        .filter(stage__in=(*Dispute.OPEN_STAGES, Stage.DECIDED, Stage.ADMINISTRATIVE_COURT, Stage.DISTRICT_COURT, Stage.CASSATION))
        .select_related("objection__request", "objection__requester")
        .order_by("filed_on", "pk")
    )
    candidates = (
        objections_visible_to(user)
        .filter(status__in=ELIGIBLE_STATUSES)
        .exclude(disputes__stage__in=[s for s in Stage.values if s != Stage.CLOSED])
        .select_related("answer", "request", "requester")
        .prefetch_related("disputes")
        .order_by("answer_due", "pk")
    )
    eligible = []
    for objection in candidates:
        window = dispute_window(objection, calendar)
        if window is None:
            continue
        answered = window.basis != Dispute.WindowBasis.ANSWER_DUE
        if (answered or today > window.start) and today <= window.last_day:
            eligible.append(EligibleObjection(objection, window, answered))
    return {"disputes": disputes, "eligible": eligible, "today": today}


def _reason(status) -> str:
    label = str(status.source_label)
    return f"{label}: {status.name}" if status.name else label


def _stage(key, label, basis, start, days, due, done_on, done_label, *, calendar, today) -> LedgerStage:
    stage = LedgerStage(key=key, label=label, basis=basis, starts_on=start, working_days=days, due=due, done_on=done_on, done_label=done_label)
    if start and due:
        # Holidays, cuti bersama and closures by name; the weekends (many over 100 working days) as a count.
        skipped = calendar.skipped_days(start, due)
        stage.skipped = [SkippedDay(s.day, _reason(s)) for s in skipped if s.source != DaySource.WEEKEND]
        weekends = sum(1 for s in skipped if s.source == DaySource.WEEKEND)
        if weekends:
            stage.note = ngettext("%(n)s hari akhir pekan", "%(n)s hari akhir pekan", weekends) % {"n": weekends}
    if due is None:
        return stage
    if done_on is not None:
        stage.state = LATE if done_on > due else ON_TIME
    elif today > due:
        stage.state = OVERDUE
    else:
        stage.state = PENDING
        stage.remaining_working_days = calendar.working_days_between(today, due)
    return stage


def dispute_ledger(dispute: Dispute, *, now: dt.datetime) -> list[LedgerStage]:
    """Each of the dispute's periods: its start, its working days, the days skipped and why, met or missed."""
    calendar = OfficeCalendar()
    today = calendar.local_date(now)
    stages = [
        _stage(
            "filing", _("Pengajuan sengketa ke Komisi Informasi"),
            _("UU KIP pasal 37 ayat (2): %(n)s hari kerja sejak %(basis)s")
            % {"n": law.DISPUTE_FILING_WORKING_DAYS, "basis": dispute.get_window_basis_display()},
            dispute.window_start, law.DISPUTE_FILING_WORKING_DAYS, dispute.filing_last_day, dispute.filed_on, _("diajukan"),
            calendar=calendar, today=today,
        )
    ]
    if dispute.mediation_started_on:
        ended = dispute.adjudication_started_on or dispute.decided_on
        days = law.MEDIATION_WORKING_DAYS + (law.MEDIATION_EXTENSION_WORKING_DAYS if dispute.mediation_extended_on else 0)
        basis = _("Perki 1/2013: mediasi %(n)s hari kerja") % {"n": law.MEDIATION_WORKING_DAYS}
        if dispute.mediation_extended_on:
            basis += _(", diperpanjang %(n)s hari kerja") % {"n": law.MEDIATION_EXTENSION_WORKING_DAYS}
        stages.append(
            _stage("mediation", _("Mediasi"), basis, dispute.mediation_started_on, days, dispute.mediation_due, ended,
                   _("mediasi berakhir"), calendar=calendar, today=today)
        )
    if dispute.registered_on:
        stages.append(
            _stage(
                "settlement", _("Penyelesaian sengketa oleh Komisi Informasi"),
                _("UU KIP pasal 38 ayat (2): %(n)s hari kerja sejak registrasi") % {"n": law.DISPUTE_SETTLEMENT_WORKING_DAYS},
                dispute.registered_on, law.DISPUTE_SETTLEMENT_WORKING_DAYS, dispute.settlement_due, dispute.decided_on,
                _("diputus"), calendar=calendar, today=today,
            )
        )
    return stages


def dispute_stage_dates(dispute: Dispute) -> list[tuple[str, dt.date | None, str]]:
    """The Perki 1/2013 stages with their dates (none for a stage not reached; mediation marked when skipped)."""
    skipped = _("tidak dimediasi: sengketa pasal 17") if dispute.concerns_exemption else ""
    return [
        (_("Diajukan ke Komisi Informasi"), dispute.filed_on, ""),
        (_("Registrasi"), dispute.registered_on, dispute.ki_registration_number),
        (_("Pemeriksaan awal"), dispute.preliminary_on, ""),
        (_("Mediasi"), dispute.mediation_started_on, skipped),
        (_("Ajudikasi non-litigasi"), dispute.adjudication_started_on, ""),
        (_("Putusan"), dispute.decided_on, dispute.decision_number),
        (_("Keberatan ke PTUN / Pengadilan Negeri"), dispute.court_filed_on, dispute.court_case_number),
        (_("Kasasi Mahkamah Agung"), dispute.cassation_filed_on, dispute.cassation_case_number),
        (_("Selesai"), dispute.closed_on, ""),
    ]


def dispute_events(dispute: Dispute) -> list[dict]:
    events = dispute.objection.events.filter(data__dispute=dispute.pk).select_related("actor").order_by("at", "pk")
    return [
        {"at": e.at, "label": dispute_action_label(e.action), "detail": dispute_event_detail(e.action, e.data), "note": e.note,
         "actor": e.actor.get_full_name() or e.actor.get_username() if e.actor else ""}
        for e in events
    ]
