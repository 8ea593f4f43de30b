"""Reads of requests/: a requester's own requests, the public status page, duplicates, the register."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.workdays import OfficeCalendar

from .models import InformationRequest, Notice, Review
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


# -- the request register (buku register permohonan) ----------------------------------------
@dataclass(frozen=True)
class RegisterFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit_id: int | None = None
    channel: str = ""
    status: str = ""
    overdue: bool = False
    query: str = ""


def _day_start(day: dt.date, calendar: OfficeCalendar) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=calendar.timezone)


def register_rows(*, filters: RegisterFilters, user, now: dt.datetime | None = None) -> QuerySet[InformationRequest]:
    """The registered requests the user may see, with every column of the register, in one query
    (notice date and refusal reason annotated). A PPID Pembantu's staff see their unit's only."""
    now = now or timezone.now()
    calendar = OfficeCalendar()
    first_notice = Notice.objects.filter(
        request=OuterRef("pk"), kind__in=(Notice.Kind.DECISION, Notice.Kind.REFUSAL)
    ).order_by("issued_at")
    refusal = Notice.objects.filter(request=OuterRef("pk"), kind=Notice.Kind.REFUSAL).order_by("-issued_at")
    exempt_review = Review.objects.filter(
        request=OuterRef("pk"), outcome__in=(Review.Outcome.EXEMPT, Review.Outcome.PARTLY_EXEMPT)
    ).order_by("-reviewed_at")
    rows = (
        requests_visible_to_staff(user=user)
        .filter(register_number__isnull=False)
        .select_related("requester", "unit")
        .only(
            "id", "register_number", "tracking_code", "received_at", "receipt_date", "notice_due", "channel",
            "information_wanted", "purpose", "is_held", "obtain_method", "delivery_method", "decision", "status",
            "copy_fee", "unit__name",
            "requester__full_name", "requester__entity_name", "requester__kind", "requester__address",
            "requester__phone", "requester__email", "requester__occupation",
        )
        .annotate(
            notice_issued_at=Subquery(first_notice.values("issued_at")[:1]),
            refusal_reason=Subquery(refusal.values("body")[:1]),
            exemption_letter=Subquery(exempt_review.values("exemption_letter")[:1]),
            exemption_other_law=Subquery(exempt_review.values("other_law")[:1]),
        )
        .order_by("-received_at", "-id")
    )
    if filters.date_from:
        rows = rows.filter(received_at__gte=_day_start(filters.date_from, calendar))
    if filters.date_to:
        rows = rows.filter(received_at__lt=_day_start(filters.date_to, calendar) + dt.timedelta(days=1))
    if filters.unit_id:
        rows = rows.filter(unit_id=filters.unit_id)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES, notice_due__lt=calendar.local_date(now))
    query = filters.query.strip()
    if query:
        rows = rows.filter(
            Q(register_number__icontains=query)
            | Q(tracking_code__iexact=query)
            | Q(requester__full_name__icontains=query)
            | Q(requester__entity_name__icontains=query)
            | Q(information_wanted__icontains=query)
        )
    return rows


def register_refusal_reason(row: InformationRequest) -> str:
    """The reason for refusal as the register prints it: the pasal 17 letter or other law, else the refusal text."""
    parts = []
    if getattr(row, "exemption_letter", ""):
        parts.append(_("Pasal 17 huruf %(letter)s UU 14/2008") % {"letter": row.exemption_letter})
    if getattr(row, "exemption_other_law", ""):
        parts.append(row.exemption_other_law)
    if not parts and getattr(row, "refusal_reason", ""):
        parts.append(row.refusal_reason)
    return "; ".join(parts)
