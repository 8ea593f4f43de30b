"""Reads of requests/: a requester's own requests, the public status page, duplicates (the register: selectors_register)."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import InformationRequest
from .services.access import requests_visible_to_staff

# The same requester asking the same thing within this many calendar days is flagged to the
# officer (not refused). A look-back window for a warning, not a legal deadline.
DUPLICATE_WINDOW_DAYS = 30
DUPLICATE_SIMILARITY = 0.6
_WORD = re.compile(r"[0-9a-z]+")
# Short words that say nothing about which information is wanted.
_STOPWORDS = frozenset("dan atau yang di ke dari untuk tahun data informasi tentang mengenai pada dengan the of".split())

Status = InformationRequest.Status


# -- a requester's own requests -----------------------------------------------------------
def requests_of_requester(*, requester) -> QuerySet[InformationRequest]:
    return (
        InformationRequest.objects.filter(requester=requester)
        .select_related("unit")
        .only(
            "id", "tracking_code", "register_number", "information_wanted", "status", "channel",
            "received_at", "receipt_date", "notice_due", "decision", "unit__name", "requester_id",
        )
        .order_by("-received_at", "-id")
    )


def request_of_requester(*, requester, pk: int) -> InformationRequest:
    """The requester's own request, or 404 (another requester's request is not revealed)."""
    return get_object_or_404(
        InformationRequest.objects.select_related("unit", "requester", "dip_item"), pk=pk, requester=requester
    )


def request_for_desk(*, user, pk: int) -> InformationRequest:
    """A request for the desk pages, or 404 outside the officer's scope (a PPID Pembantu desk sees its unit's)."""
    return get_object_or_404(
        requests_visible_to_staff(user=user).select_related("unit", "requester", "dip_item", "received_by", "assignee"),
        pk=pk,
    )


# -- the public status page -----------------------------------------------------------------
def request_public_status(*, register_number: str, tracking_code: str) -> InformationRequest | None:
    """The request a register number and tracking code point to (an incomplete one: tracking code alone).
    Both are matched whatever their case, as people type them from a printed receipt."""
    tracking_code = (tracking_code or "").strip().upper()
    register_number = (register_number or "").strip()
    if not tracking_code:
        return None
    requests = InformationRequest.objects.select_related("unit").filter(tracking_code=tracking_code)
    if register_number:
        requests = requests.filter(register_number__iexact=register_number)
    else:
        requests = requests.filter(register_number__isnull=True)
    return requests.first()


def public_events(request: InformationRequest):
    """The steps of a request without notes or names: what the public status page may show."""
    labels = dict(Status.choices)
    events = request.events.filter(to_status__gt="").values("at", "to_status")
    return [{"at": event["at"], "label": labels.get(event["to_status"], "")} for event in events]


# -- duplicates -----------------------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall((text or "").lower()) if w not in _STOPWORDS)


def text_similarity(a: str, b: str) -> float:
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def request_possible_duplicates(
    *, requester, information_wanted: str, now: dt.datetime | None = None, exclude_pk: int | None = None
) -> list[InformationRequest]:
    """The requester's requests of the last 30 days asking (nearly) the same thing, newest first."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)  # a look-back window, not a deadline
    recent = (
        InformationRequest.objects.filter(requester=requester, received_at__gte=since, received_at__lte=now)
        .exclude(status=Status.WITHDRAWN)
        .only("id", "register_number", "tracking_code", "information_wanted", "received_at", "status")
        .order_by("-received_at")
    )
    if exclude_pk is not None:
        recent = recent.exclude(pk=exclude_pk)
    return [r for r in recent if text_similarity(r.information_wanted, information_wanted) >= DUPLICATE_SIMILARITY]


# A requester who sends the same information again within this time (the back button and a
# second "Kirim", or a form filled in twice) is shown the first request and must confirm a
# second one. A look-back window for a question to the requester, not a legal period.
RESUBMISSION_WINDOW = dt.timedelta(hours=24)


def _same_words(a: str, b: str) -> bool:
    words_a, words_b = _words(a), _words(b)
    if words_a or words_b:
        return words_a == words_b
    return " ".join((a or "").lower().split()) == " ".join((b or "").lower().split())


def request_same_recently_submitted(
    *, requester, information_wanted: str, now: dt.datetime | None = None
) -> InformationRequest | None:
    """The requester's newest request of the last 24 hours asking for the same information
    (the same words, whatever the case, spacing or punctuation), if there is one."""
    now = now or timezone.now()
    recent = (
        InformationRequest.objects.filter(requester=requester, received_at__gte=now - RESUBMISSION_WINDOW, received_at__lte=now)
        .exclude(status=Status.WITHDRAWN)
        .only("id", "register_number", "tracking_code", "information_wanted", "received_at", "status", "requester_id")
        .order_by("-received_at", "-id")
    )
    return next((r for r in recent if _same_words(r.information_wanted, information_wanted)), None)
