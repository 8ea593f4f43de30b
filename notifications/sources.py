"""Deadline sources: one per kind of item the daily sweep watches.

A source is a small function of the horizon returning a set-based queryset of rows
``(item_id, deadline, unit_id, assignee_id, label)`` for the open items whose next deadline is on
or before the horizon, plus who is told besides the assignee. Adding an item type is one
``register_deadline_source`` call (see docs/notifications.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, DateField, F, IntegerField, Q, QuerySet, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ppid import roles


@dataclass(frozen=True)
class DeadlineSource:
    item_type: str
    label: str  # what the item is, in the digest ("Permohonan", "Keberatan", ...)
    due_what: str  # what is due ("pemberitahuan tertulis", "jawaban atasan PPID", ...)
    rows: Callable[[dt.date], QuerySet]  # horizon -> values_list(item_id, deadline, unit_id, assignee_id, label)
    link: Callable[[int], str]  # the staff page of an item (a path)
    officer_roles: tuple[str, ...] = ()  # told as the officer of every item (when items have no assignee)
    alert_roles: tuple[str, ...] = (roles.PPID,)  # told when an item is overdue
    unit_roles: tuple[str, ...] = (roles.PPID_PEMBANTU,)  # staff of the item's unit with these roles are told
    # change data (ppid.services.CalendarChange.as_data()) -> the same rows for the open items whose
    # deadline that calendar change moved (read from the item's event log), or None
    moved: Callable[[dict], QuerySet] | None = None


_sources: dict[str, DeadlineSource] = {}


def register_deadline_source(source: DeadlineSource) -> None:
    _sources[source.item_type] = source


def deadline_sources() -> list[DeadlineSource]:
    return list(_sources.values())


def deadline_source(item_type: str) -> DeadlineSource | None:
    return _sources.get(item_type)


def _path(name: str, pk: int, fallback: str = "") -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return reverse(fallback, args=[pk]) if fallback else ""


NO_ASSIGNEE = Value(None, output_field=IntegerField())


# -- requests: the written notice ---------------------------------------------------------------
def request_notice_rows(horizon: dt.date) -> QuerySet:
    from requests.models import InformationRequest

    return InformationRequest.objects.filter(
        status__in=InformationRequest.AWAITING_NOTICE_STATUSES, notice_due__lte=horizon
    ).values_list("pk", "notice_due", "unit_id", "assignee_id", "register_number")


def request_moved_rows(change: dict) -> QuerySet:
    from requests.events import DEADLINE_REASON_CALENDAR, RequestAction
    from requests.models import InformationRequest, RequestEvent

    return RequestEvent.objects.filter(
        action=RequestAction.DEADLINE_CHANGED,
        data__reason=DEADLINE_REASON_CALENDAR,
        data__calendar__kind=change.get("kind", ""),
        data__calendar__day=change.get("day", ""),
        request__status__in=InformationRequest.AWAITING_NOTICE_STATUSES,
    ).values_list("request_id", "request__notice_due", "request__unit_id", "request__assignee_id", "request__register_number")


# -- objections: the Atasan PPID's answer -------------------------------------------------------
def objection_answer_rows(horizon: dt.date) -> QuerySet:
    from objections.models import Objection

    return Objection.objects.filter(status__in=Objection.OPEN_STATUSES, answer_due__lte=horizon).values_list(
        "pk", "answer_due", "request__unit_id", NO_ASSIGNEE, "register_number"
    )


def _objection_moved_events(change: dict, field: str) -> QuerySet:
    """The objections whose ``field`` this calendar change moved (their events say so, like requests')."""
    from objections.events import DEADLINE_REASON_CALENDAR, ObjectionAction
    from objections.models import ObjectionEvent

    return ObjectionEvent.objects.filter(
        action=ObjectionAction.DEADLINE_CHANGED,
        data__reason=DEADLINE_REASON_CALENDAR,
        data__calendar__kind=change.get("kind", ""),
        data__calendar__day=change.get("day", ""),
        data__has_key=field,
    )


def objection_moved_rows(change: dict) -> QuerySet:
    from objections.models import Objection

    return _objection_moved_events(change, "answer_due").filter(objection__status__in=Objection.OPEN_STATUSES).values_list(
        "objection_id", "objection__answer_due", "objection__request__unit_id", NO_ASSIGNEE, "objection__register_number"
    )


# -- objections: the PPID's compliance with an overturn -----------------------------------------
def overturn_compliance_rows(horizon: dt.date) -> QuerySet:
    """Answers ordering the information given (``Objection.compliance_due``) while the request has not
    been fulfilled since the answer (as the ledger's "compliance" stage judges it)."""
    from objections.models import Objection

    not_complied = Q(request__fulfilled_at__isnull=True) | Q(request__fulfilled_at__lt=F("answer__answered_at"))
    return (
        Objection.objects.filter(compliance_due__lte=horizon, answer__isnull=False)
        .exclude(status=Objection.Status.WITHDRAWN)
        .filter(not_complied)
        .values_list("pk", "compliance_due", "request__unit_id", "request__assignee_id", "register_number")
    )


def overturn_compliance_moved_rows(change: dict) -> QuerySet:
    from objections.models import Objection

    not_complied = Q(objection__request__fulfilled_at__isnull=True) | Q(
        objection__request__fulfilled_at__lt=F("objection__answer__answered_at")
    )
    return (
        _objection_moved_events(change, "compliance_due")
        .filter(objection__compliance_due__isnull=False, objection__answer__isnull=False)
        .exclude(objection__status=Objection.Status.WITHDRAWN)
        .filter(not_complied)
        .values_list(
            "objection_id", "objection__compliance_due", "objection__request__unit_id", "objection__request__assignee_id",
            "objection__register_number",
        )
    )


# -- disputes: mediation, then settlement -------------------------------------------------------
DISPUTE_OPEN_STAGES = ("registration", "preliminary", "mediation", "adjudication")


def dispute_rows(horizon: dt.date) -> QuerySet:
    from objections.models import Dispute

    next_due = Case(When(stage=Dispute.Stage.MEDIATION, then=F("mediation_due")), default=F("settlement_due"), output_field=DateField())
    return (
        Dispute.objects.filter(stage__in=DISPUTE_OPEN_STAGES)
        .annotate(next_due=next_due)
        .filter(next_due__lte=horizon)
        .values_list("pk", "next_due", "objection__request__unit_id", NO_ASSIGNEE, "ki_registration_number")
    )


REQUEST = "request"
OBJECTION = "objection"
OVERTURN_COMPLIANCE = "overturn_compliance"
DISPUTE = "dispute"


def register_builtin_sources() -> None:
    register_deadline_source(
        DeadlineSource(
            item_type=REQUEST,
            label=_("Permohonan"),
            due_what=_("pemberitahuan tertulis"),
            rows=request_notice_rows,
            link=lambda pk: _path("requests:processing-detail", pk),
            moved=request_moved_rows,
        )
    )
    register_deadline_source(
        DeadlineSource(
            item_type=OBJECTION,
            label=_("Keberatan"),
            due_what=_("jawaban atasan PPID"),
            rows=objection_answer_rows,
            link=lambda pk: _path("objections:detail", pk),
            moved=objection_moved_rows,
            officer_roles=(roles.ATASAN_PPID,),
            alert_roles=(roles.PPID, roles.ATASAN_PPID),
            unit_roles=(),
        )
    )
    register_deadline_source(
        DeadlineSource(
            item_type=OVERTURN_COMPLIANCE,
            label=_("Pelaksanaan putusan keberatan"),
            due_what=_("pelaksanaan perintah atasan PPID"),
            rows=overturn_compliance_rows,
            link=lambda pk: _path("objections:detail", pk),
            moved=overturn_compliance_moved_rows,
            # The request's assignee; the PPID and the Atasan PPID when overdue; the unit's staff.
            alert_roles=(roles.PPID, roles.ATASAN_PPID),
        )
    )
    register_deadline_source(
        DeadlineSource(
            item_type=DISPUTE,
            label=_("Sengketa informasi"),
            due_what=_("tahap sengketa (mediasi atau penyelesaian)"),
            rows=dispute_rows,
            link=lambda pk: _path("disputes:detail", pk),
            officer_roles=(roles.DISPUTE_DESK,),
            unit_roles=(),
        )
    )
