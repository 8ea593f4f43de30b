"""Disputes before the Komisi Informasi (UU KIP pasal 37-38, Perki 1/2013): filing and the stages.

One guard per transition (ppid.rules): the dispute page offers exactly the actions whose guard
allows them (``objections.services.dispute_actions``) and each service calls the same guard on the
locked row. The requester escalates from their objection (``dispute_escalate``); the dispute desk
(permission ``objections.handle_dispute``, the role ``dispute_desk``) records a dispute the requester
filed at the Komisi Informasi (``dispute_open``) and then each stage. Dates the officer enters are
checked as form errors after the guard. Every change is an ObjectionEvent (objections.dispute_events).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ppid.rules import ALLOWED, Verdict, actor_has_any, forbid, refuse, verdict_enforce
from ppid.workdays import OfficeCalendar
from requests.services.access import request_in_scope
from requests.services.transitions import day_text

from ..dispute_events import DEADLINE_REASON_STAGE, DisputeAction
from ..models import Dispute, Objection, ObjectionEvent
from .dispute_deadlines import dispute_deadlines_recompute, dispute_window, objection_answer
from .notify import dispute_recorded_notify

HANDLE_PERMISSIONS = ("objections.handle_dispute",)
VIEW_PERMISSIONS = ("objections.handle_dispute", "objections.view_dispute")
Stage = Dispute.Stage


def user_handles_disputes(user) -> bool:
    return user is not None and user.is_authenticated and (user.is_superuser or actor_has_any(user, HANDLE_PERMISSIONS))


def user_views_disputes(user) -> bool:
    return user is not None and user.is_authenticated and (user.is_superuser or actor_has_any(user, VIEW_PERMISSIONS))


def actor_is_requester_of_objection(actor, objection: Objection) -> bool:
    requester = getattr(actor, "requester", None) if actor is not None and actor.is_authenticated else None
    return requester is not None and requester.pk == objection.requester_id


def open_dispute_of(objection: Objection) -> Dispute | None:
    return next((d for d in objection.disputes.all() if d.stage != Stage.CLOSED), None)


# -- filing ---------------------------------------------------------------------------------------


def _filing_state_verdict(objection: Objection, *, today: dt.date, calendar: OfficeCalendar) -> Verdict | None:
    """What the objection's state says about a dispute, whoever files it."""
    if objection.status == Objection.Status.WITHDRAWN:
        return refuse(_("Keberatan sudah dicabut; tidak dapat diajukan ke Komisi Informasi."))
    if objection.status == Objection.Status.CLOSED:
        return refuse(_("Pemohon sudah menerima tanggapan atasan PPID; keberatan ini selesai."))
    existing = open_dispute_of(objection)
    if existing is not None:
        return refuse(_("Sengketa atas keberatan ini sudah diajukan pada %(day)s.") % {"day": day_text(existing.filed_on)})
    window = dispute_window(objection, calendar)
    if window is None:
        return refuse(_("Keberatan belum diregister; batas tanggapan atasan PPID belum ada."))
    if window.basis == Dispute.WindowBasis.ANSWER_DUE and today <= objection.answer_due:
        return refuse(
            _("Atasan PPID masih dapat menanggapi sampai %(day)s; tanpa tanggapan, sengketa dapat diajukan setelah tanggal itu.")
            % {"day": day_text(objection.answer_due)}
        )
    return None


def window_closed_reason(window) -> str:
    return _(
        "Batas pengajuan sengketa ke Komisi Informasi adalah %(last)s (14 hari kerja sejak %(basis)s, %(start)s); "
        "batas itu sudah lewat."
    ) % {"last": day_text(window.last_day), "basis": window.basis_label, "start": day_text(window.start)}


def escalate_guard(actor, objection: Objection, now: dt.datetime) -> Verdict:
    """The requester takes their objection to the Komisi Informasi, within the 14 working days (local date of now)."""
    if not actor_is_requester_of_objection(actor, objection):
        return forbid()
    calendar = OfficeCalendar()
    today = calendar.local_date(now)
    refusal = _filing_state_verdict(objection, today=today, calendar=calendar)
    if refusal is not None:
        return refusal
    window = dispute_window(objection, calendar)
    if today > window.last_day:
        return refuse(window_closed_reason(window))
    return ALLOWED


def _scope_verdict(actor, objection: Objection) -> Verdict | None:
    """The role and the unit: the dispute desk's permission, and the request within the actor's scope."""
    if not user_handles_disputes(actor):
        return forbid()
    if not request_in_scope(actor, objection.request):
        return forbid(_("Permohonan ini bukan milik unit Anda."))
    return None


def open_guard(actor, objection: Objection, now: dt.datetime) -> Verdict:
    """The dispute desk records a dispute the requester filed; the filing date is checked against the window."""
    refusal = _scope_verdict(actor, objection)
    if refusal is not None:
        return refusal
    calendar = OfficeCalendar()
    return _filing_state_verdict(objection, today=calendar.local_date(now), calendar=calendar) or ALLOWED


def lock_objection(objection_id: int) -> Objection:
    return Objection.objects.select_for_update().get(pk=objection_id)


def lock_dispute(dispute_id: int) -> Dispute:
    return Dispute.objects.select_for_update(of=("self",)).select_related("objection__request").get(pk=dispute_id)


def dispute_event(dispute: Dispute, *, action: str, actor, note: str = "", from_stage="", to_stage="", data=None):
    return ObjectionEvent.objects.create(
        objection_id=dispute.objection_id,
        action=action,
        actor=actor,
        note=note,
        from_status=from_stage,
        to_status=to_stage,
        data={"dispute": dispute.pk, **(data or {})},
    )


def _concerns_exemption(objection: Objection) -> bool:
    """A dispute over a pasal 17 refusal goes straight to adjudication (Perki 1/2013): ground (a) of the objection."""
    return objection.grounds.filter(ground="a").exists()


def _create(objection: Objection, *, filed_on: dt.date, via: str, actor, window, action: str, note: str, now) -> Dispute:
    dispute = Dispute.objects.create(
        objection=objection,
        filed_on=filed_on,
        filed_via=via,
        filed_by=actor,
        window_basis=window.basis,
        window_start=window.start,
        filing_last_day=window.last_day,
        concerns_exemption=_concerns_exemption(objection),
        stage=Stage.FILED,
    )
    answer = objection_answer(objection)
    if answer is not None and via == Dispute.FiledVia.REQUESTER and not answer.requester_reply:
        answer.requester_reply = str(_("Mengajukan sengketa ke Komisi Informasi"))
        answer.save(update_fields=["requester_reply"])
    dispute_event(
        dispute,
        action=action,
        actor=actor,
        note=note,
        to_stage=Stage.FILED,
        data={"filed_on": filed_on.isoformat(), "filing_last_day": window.last_day.isoformat(), "basis": window.basis},
    )
    dispute_recorded_notify(dispute)
    return dispute


@transaction.atomic
def dispute_escalate(*, objection_id: int, actor, now: dt.datetime, note: str = "") -> Dispute:
    """"I take it to the Komisi Informasi": recorded by the requester on the day they say it."""
    objection = lock_objection(objection_id)
    verdict_enforce(escalate_guard(actor, objection, now))
    calendar = OfficeCalendar()
    window = dispute_window(objection, calendar)
    return _create(
        objection, filed_on=calendar.local_date(now), via=Dispute.FiledVia.REQUESTER, actor=actor,
        window=window, action=DisputeAction.ESCALATED, note=note, now=now,
    )


@transaction.atomic
def dispute_open(*, objection_id: int, filed_on: dt.date, actor, now: dt.datetime, note: str = "") -> Dispute:
    """The dispute desk records a dispute filed at the Komisi Informasi on ``filed_on``."""
    objection = lock_objection(objection_id)
    verdict_enforce(open_guard(actor, objection, now))
    calendar = OfficeCalendar()
    window = dispute_window(objection, calendar)
    if filed_on > calendar.local_date(now):
        raise ValidationError(_("Tanggal pengajuan tidak boleh setelah hari ini."), code="future")
    if filed_on < window.start:
        raise ValidationError(
            _("Tanggal pengajuan sebelum %(day)s (%(basis)s) tidak mungkin.") % {"day": day_text(window.start), "basis": window.basis_label},
            code="too_early",
        )
    if filed_on > window.last_day:
        raise ValidationError(window_closed_reason(window), code="window_closed")
    return _create(
        objection, filed_on=filed_on, via=Dispute.FiledVia.DESK, actor=actor, window=window,
        action=DisputeAction.OPENED, note=note, now=now,
    )


# -- the stages -----------------------------------------------------------------------------------


def _desk_verdict(actor, dispute: Dispute, *stages: str) -> Verdict | None:
    refusal = _scope_verdict(actor, dispute.objection)
    if refusal is not None:
        return refusal
    if dispute.stage not in stages:
        return refuse(
            _("Tindakan ini tidak tersedia pada tahap %(stage)s.") % {"stage": dispute.get_stage_display().lower()}
        )
    return None


def register_guard(actor, dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.FILED) or ALLOWED


def preliminary_guard(actor, dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.REGISTRATION) or ALLOWED


def mediation_guard(actor, dispute, now) -> Verdict:
    refusal = _desk_verdict(actor, dispute, Stage.REGISTRATION, Stage.PRELIMINARY)
    if refusal is not None:
        return refusal
    if dispute.concerns_exemption:
        return refuse(_("Sengketa tentang informasi yang dikecualikan (pasal 17) tidak dimediasi; langsung ke ajudikasi (Perki 1/2013)."))
    return ALLOWED


def mediation_extend_guard(actor, dispute, now) -> Verdict:
    refusal = _desk_verdict(actor, dispute, Stage.MEDIATION)
    if refusal is not None:
        return refusal
    if dispute.mediation_extended_on is not None:
        return refuse(_("Mediasi sudah diperpanjang pada %(day)s; perpanjangan hanya sekali.") % {"day": day_text(dispute.mediation_extended_on)})
    if OfficeCalendar().local_date(now) > dispute.mediation_due:
        return refuse(_("Masa mediasi berakhir pada %(day)s; perpanjangan harus sebelum itu.") % {"day": day_text(dispute.mediation_due)})
    return ALLOWED


def adjudication_guard(actor, dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.REGISTRATION, Stage.PRELIMINARY, Stage.MEDIATION) or ALLOWED


def decide_guard(actor, dispute, now) -> Verdict:
    """A decision of the Komisi Informasi after adjudication, or a mediation agreement."""
    return _desk_verdict(actor, dispute, Stage.MEDIATION, Stage.ADJUDICATION) or ALLOWED


def court_guard(actor, dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.DECIDED) or ALLOWED


def cassation_guard(actor, dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.ADMINISTRATIVE_COURT, Stage.DISTRICT_COURT) or ALLOWED


def close_guard(actor, dispute, now) -> Verdict:
    return _desk_verdict(actor, dispute, Stage.DECIDED, Stage.ADMINISTRATIVE_COURT, Stage.DISTRICT_COURT, Stage.CASSATION) or ALLOWED


def _stage_date(day: dt.date, *, after: dt.date | None, now: dt.datetime, what: str = "") -> None:
    if day > OfficeCalendar().local_date(now):
        raise ValidationError(_("Tanggal tidak boleh setelah hari ini."), code="future")
    if after is not None and day < after:
        raise ValidationError(_("Tanggal tidak boleh sebelum %(day)s.") % {"day": day_text(after)}, code="too_early")


def _last_stage_date(dispute: Dispute) -> dt.date:
    days = [
        dispute.filed_on, dispute.registered_on, dispute.preliminary_on, dispute.mediation_started_on,
        dispute.adjudication_started_on, dispute.decided_on, dispute.court_filed_on, dispute.cassation_filed_on,
    ]
    return max(d for d in days if d is not None)


def _move(dispute: Dispute, *, to: str, fields: dict, actor, action: str, note: str, data: dict | None = None) -> Dispute:
    before = dispute.stage
    for name, value in fields.items():
        setattr(dispute, name, value)
    dispute.stage = to
    dispute.save(update_fields=("stage", *fields))
    dispute_event(dispute, action=action, actor=actor, note=note, from_stage=before, to_stage=to, data=data)
    dispute_deadlines_recompute(dispute, actor=actor, reason=DEADLINE_REASON_STAGE)
    return dispute


@transaction.atomic
def dispute_register(*, dispute_id: int, level: str, commission: str, number: str, registered_on: dt.date, actor, now, note="") -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(register_guard(actor, dispute, now))
    _stage_date(registered_on, after=dispute.filed_on, now=now)
    fields = {"commission_level": level, "commission": commission, "ki_registration_number": number, "registered_on": registered_on}
    data = {"number": number, "on": registered_on.isoformat()}
    return _move(dispute, to=Stage.REGISTRATION, fields=fields, actor=actor, action=DisputeAction.REGISTERED, note=note, data=data)


@transaction.atomic
def dispute_preliminary(*, dispute_id: int, held_on: dt.date, actor, now, note="") -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(preliminary_guard(actor, dispute, now))
    _stage_date(held_on, after=_last_stage_date(dispute), now=now)
    data = {"on": held_on.isoformat()}
    return _move(dispute, to=Stage.PRELIMINARY, fields={"preliminary_on": held_on}, actor=actor, action=DisputeAction.PRELIMINARY, note=note, data=data)


@transaction.atomic
def dispute_mediation_start(*, dispute_id: int, started_on: dt.date, actor, now, note="") -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(mediation_guard(actor, dispute, now))
    _stage_date(started_on, after=_last_stage_date(dispute), now=now)
    data = {"on": started_on.isoformat()}
    return _move(
        dispute, to=Stage.MEDIATION, fields={"mediation_started_on": started_on}, actor=actor,
        action=DisputeAction.MEDIATION_STARTED, note=note, data=data,
    )


@transaction.atomic
def dispute_mediation_extend(*, dispute_id: int, actor, now, note="") -> Dispute:
    """Once, before the 14 working days end: 7 more (the new date from dispute_deadlines_recompute)."""
    dispute = lock_dispute(dispute_id)
    verdict_enforce(mediation_extend_guard(actor, dispute, now))
    before = dispute.mediation_due
    dispute.mediation_extended_on = OfficeCalendar().local_date(now)
    dispute.save(update_fields=["mediation_extended_on"])
    dispute_deadlines_recompute(dispute, actor=actor, reason=DEADLINE_REASON_STAGE)
    data = {"mediation_due_before": before.isoformat(), "mediation_due": dispute.mediation_due.isoformat()}
    dispute_event(dispute, action=DisputeAction.MEDIATION_EXTENDED, actor=actor, note=note, data=data)
    return dispute


@transaction.atomic
def dispute_adjudication_start(*, dispute_id: int, started_on: dt.date, actor, now, note="") -> Dispute:
    dispute = lock_dispute(dispute_id)
    verdict_enforce(adjudication_guard(actor, dispute, now))
    _stage_date(started_on, after=_last_stage_date(dispute), now=now)
    data = {"on": started_on.isoformat()}
    return _move(
        dispute, to=Stage.ADJUDICATION, fields={"adjudication_started_on": started_on}, actor=actor,
        action=DisputeAction.ADJUDICATION_STARTED, note=note, data=data,
    )
