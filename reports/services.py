"""Writes of the reports app: the satisfaction survey (one answer per request) and the annual narrative."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ppid.rules import ALLOWED, TransitionRefused, Verdict, forbid, refuse, verdict_enforce
from requests.events import RequestAction
from requests.models import InformationRequest
from requests.services.access import request_in_scope
from requests.services.transitions import record_event

from .models import ReportNarrative, SatisfactionSurvey

SURVEY_ALREADY = _("Survei kepuasan untuk permohonan ini sudah diisi. Terima kasih.")


def survey_guard(actor, request: InformationRequest, now: dt.datetime, *, at_desk: bool = False) -> Verdict:
    """The survey is offered once the request is closed, once per request: to its requester online, or
    recorded at the desk by an officer who may see the request."""
    if at_desk:
        if not (actor.is_authenticated and actor.has_perm("reports.record_survey") and request_in_scope(actor, request)):
            return forbid()
    elif not (actor.is_authenticated and request.requester.user_id == actor.pk):
        return forbid()
    if request.status != InformationRequest.Status.CLOSED:
        return refuse(_("Survei kepuasan dapat diisi setelah permohonan selesai."))
    if SatisfactionSurvey.objects.filter(request_id=request.pk).exists():
        return refuse(SURVEY_ALREADY)
    return ALLOWED


@transaction.atomic
def survey_record(*, request_id: int, rating: str, comment: str, actor, now: dt.datetime, at_desk: bool = False) -> SatisfactionSurvey:
    request = InformationRequest.objects.select_for_update().select_related("requester").get(pk=request_id)
    verdict_enforce(survey_guard(actor, request, now, at_desk=at_desk))
    source = SatisfactionSurvey.Source.DESK if at_desk else SatisfactionSurvey.Source.ONLINE
    try:
        with transaction.atomic():
            survey = SatisfactionSurvey.objects.create(
                request=request, rating=rating, comment=comment.strip(), source=source,
                recorded_by=actor if at_desk else None, answered_at=now,
            )
    except IntegrityError:  # a second answer raced past the guard: the unique constraint decides
        raise TransitionRefused(SURVEY_ALREADY) from None
    # The request's history says the survey was answered and how; the comment stays in the survey.
    record_event(request, action=RequestAction.SURVEY_ANSWERED, actor=actor, data={"rating": rating, "source": source})
    return survey


@transaction.atomic
def narrative_save(*, year: int, policy: str, obstacles: str, recommendations: str, actor, now: dt.datetime) -> ReportNarrative:
    narrative, _created = ReportNarrative.objects.select_for_update().get_or_create(year=year)
    narrative.policy, narrative.obstacles, narrative.recommendations = policy, obstacles, recommendations
    narrative.updated_by, narrative.updated_at = actor, now
    narrative.save()
    return narrative
