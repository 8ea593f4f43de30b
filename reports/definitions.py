"""Every figure of the reports, defined once: the rows it counts and how it groups them.

A figure is a *source* (the rows of one model within a Scope) and a *bucket* (an expression
grouping them). The counts (``reports.figures``) and the list of requests behind each count
(``reports.views.DrilldownView``) are both built from these definitions, so a number and its
list cannot disagree. docs/reports.md states each definition in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf, TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from objections.models import Answer, Dispute, Objection, ObjectionGroundClaim
from ppid.law import ExemptionLetter, ObjectionGround
from ppid.models import Unit
from registry.models import Requester
from requests.models import Channel, Decision, InformationRequest, RequestEvent, Review

from .models import Rating, SatisfactionSurvey
from .periods import Period, month_period
from .scope import Scope

Status = InformationRequest.Status


# -- sources -------------------------------------------------------------------------------
def _unit(rows: QuerySet, scope: Scope, path: str) -> QuerySet:
    return rows.filter(**{path: scope.unit_id}) if scope.unit_id else rows


def received(scope: Scope) -> QuerySet:
    """Registered requests received (received_at, office time) within the period."""
    rows = InformationRequest.objects.filter(
        register_number__isnull=False, received_at__gte=scope.start_moment, received_at__lt=scope.end_moment
    )
    return _unit(rows, scope, "unit_id").order_by()


def decided(scope: Scope) -> QuerySet:
    """Requests received in the period that have had their written notice (decided), with its local date."""
    return received(scope).filter(decided_at__isnull=False, receipt_date__isnull=False).annotate(
        decided_on=TruncDate("decided_at", tzinfo=scope.timezone)
    )


def refused(scope: Scope) -> QuerySet:
    """Requests received in the period and refused wholly or partly, with the exemption of their last exempting review."""
    review = Review.objects.filter(
        request=OuterRef("pk"), outcome__in=(Review.Outcome.EXEMPT, Review.Outcome.PARTLY_EXEMPT)
    ).order_by("-reviewed_at", "-id")
    return received(scope).filter(decision__in=(Decision.REFUSED, Decision.PARTLY_GRANTED)).annotate(
        exemption_letter=NullIf(Subquery(review.values("exemption_letter")[:1]), Value("")),
        exemption_basis=NullIf(Subquery(review.values("legal_basis")[:1]), Value("")),
    )


def open_at_end(scope: Scope) -> QuerySet:
    """Registered requests received before the period ended and still awaiting their written notice at its end:
    not decided by then and not withdrawn by then (a withdrawal's moment is its event)."""
    end = scope.end_moment
    withdrawn_later = RequestEvent.objects.filter(request=OuterRef("pk"), to_status=Status.WITHDRAWN, at__gte=end)
    rows = (
        InformationRequest.objects.filter(register_number__isnull=False, received_at__lt=end)
        .filter(Q(decided_at__isnull=True) | Q(decided_at__gte=end))
        .exclude(Q(status=Status.WITHDRAWN) & ~Exists(withdrawn_later))
    )
    return _unit(rows, scope, "unit_id").order_by()


def objections(scope: Scope) -> QuerySet:
    """Objections submitted within the period (about requests of the unit, if one is chosen)."""
    rows = Objection.objects.filter(submitted_at__gte=scope.start_moment, submitted_at__lt=scope.end_moment)
    return _unit(rows, scope, "request__unit_id").order_by()


def objections_open_at_end(scope: Scope) -> QuerySet:
    """Objections submitted before the period ended and not answered by its end (withdrawn ones left out)."""
    end = scope.end_moment
    rows = (
        Objection.objects.filter(submitted_at__lt=end)
        .exclude(status=Objection.Status.WITHDRAWN)
        .filter(Q(answer__isnull=True) | Q(answer__answered_at__gte=end))
    )
    return _unit(rows, scope, "request__unit_id").order_by()


def objection_grounds(scope: Scope) -> QuerySet:
    """The grounds claimed in the period's objections: an objection on two grounds counts under each."""
    rows = ObjectionGroundClaim.objects.filter(
        objection__submitted_at__gte=scope.start_moment, objection__submitted_at__lt=scope.end_moment
    )
    return _unit(rows, scope, "objection__request__unit_id").order_by()


def disputes(scope: Scope) -> QuerySet:
    """Disputes filed with the Komisi Informasi within the period."""
    rows = Dispute.objects.filter(filed_on__gte=scope.period.start, filed_on__lte=scope.period.end)
    return _unit(rows, scope, "objection__request__unit_id").order_by()


def surveys(scope: Scope) -> QuerySet:
    """Satisfaction answers given within the period."""
    rows = SatisfactionSurvey.objects.filter(answered_at__gte=scope.start_moment, answered_at__lt=scope.end_moment)
    return _unit(rows, scope, "request__unit_id").order_by()


# -- buckets -------------------------------------------------------------------------------
def _outcome_bucket(scope):
    return Case(
        When(status=Status.WITHDRAWN, then=Value("withdrawn")),
        When(~Q(decision=""), then=F("decision")),
        default=Value("pending"),
        output_field=CharField(),
    )


def _timeliness_bucket(scope):
    """On time (no extension), extended (within the extended due date), late (after the due date then in force)."""
    return Case(
        When(decided_on__gt=F("notice_due"), then=Value("late")),
        When(extended_at__isnull=False, then=Value("extended")),
        default=Value("on_time"),
        output_field=CharField(),
    )


def _refusal_bucket(scope):
    return Coalesce(F("exemption_letter"), F("exemption_basis"), Value("none"), output_field=CharField())


def _open_bucket(scope):
    """Overdue when the due date was on or before the period's last day (its end has passed with no notice)."""
    return Case(When(notice_due__lte=scope.period.end, then=Value("overdue")), default=Value("within"), output_field=CharField())


def _objection_open_bucket(scope):
    return Case(When(answer_due__lte=scope.period.end, then=Value("overdue")), default=Value("within"), output_field=CharField())


def _answer_outcome_bucket(scope):
    return Coalesce(F("answer__outcome"), Value("pending"), output_field=CharField())


def _atasan_bucket(scope):
    """The Atasan's answer: on time, late (Answer.is_late), overdue (no answer and answer_due before the period's end) or pending."""
    return Case(
        When(answer__isnull=False, answer__is_late=True, then=Value("late")),
        When(answer__isnull=False, then=Value("on_time")),
        When(answer_due__lte=scope.period.end, then=Value("overdue")),
        default=Value("pending"),
        output_field=CharField(),
    )


def _dispute_outcome_bucket(scope):
    return Case(When(decided_on__isnull=True, then=Value("")), default=F("outcome"), output_field=CharField())


def _month_bucket(scope):
    return TruncMonth("received_at", tzinfo=scope.timezone)


# -- labels --------------------------------------------------------------------------------
def _choices(choices):
    return lambda: {key: str(label) for key, label in choices}


def _units():
    return {unit.pk: unit.name for unit in Unit.objects.order_by("kind", "name")}


def _outcome_labels():
    return {**_choices(Decision.choices)(), "withdrawn": str(_("Dicabut")), "pending": str(_("Belum diputus"))}


def _timeliness_labels():
    return {"on_time": str(_("Tepat waktu")), "extended": str(_("Dengan perpanjangan")), "late": str(_("Terlambat"))}


def _refusal_labels():
    letters = {key: str(_("Pasal 17 huruf %(letter)s")) % {"letter": key} for key, _label in ExemptionLetter.choices}
    return {
        **letters,
        Review.LegalBasis.PASAL_17.value: str(_("Pasal 17 (huruf tidak dicatat)")),
        Review.LegalBasis.OTHER_LAW.value: str(_("Undang-undang lain")),
        "none": str(_("Tanpa uji konsekuensi tercatat")),
    }


def _open_labels():
    return {"within": str(_("Masih dalam batas waktu")), "overdue": str(_("Melewati batas waktu"))}


def _answer_outcome_labels():
    return {**_choices(Answer.Outcome.choices)(), "pending": str(_("Belum dijawab"))}


def _atasan_labels():
    return {
        "on_time": str(_("Dijawab tepat waktu")), "late": str(_("Dijawab terlambat")),
        "overdue": str(_("Belum dijawab, lewat batas")), "pending": str(_("Belum dijawab, dalam batas")),
    }


def _dispute_outcome_labels():
    return {"": str(_("Belum diputus"))}


@dataclass(frozen=True)
class Figure:
    key: str
    title: object  # lazy text
    source: Callable[[Scope], QuerySet]
    bucket: Callable[[Scope], object]
    labels: Callable[[], dict]
    request_path: str = "pk"  # from the source's rows to the request
    open_labels: bool = False  # values outside labels (free text, units, months) are shown as they come
    public: bool = True  # shown on the public page and in the open data


FIGURES = (
    Figure("channel", _("Permohonan menurut saluran"), received, lambda s: F("channel"), _choices(Channel.choices)),
    Figure("unit", _("Permohonan menurut unit"), received, lambda s: F("unit_id"), _units, open_labels=True),
    Figure("requester_kind", _("Permohonan menurut jenis pemohon"), received, lambda s: F("requester__kind"), _choices(Requester.Kind.choices)),
    Figure("month", _("Permohonan menurut bulan"), received, _month_bucket, dict, open_labels=True),
    Figure("outcome", _("Hasil permohonan"), received, _outcome_bucket, _outcome_labels),
    Figure("timeliness", _("Ketepatan waktu pemberitahuan tertulis"), decided, _timeliness_bucket, _timeliness_labels),
    Figure("refusal", _("Penolakan menurut alasan pengecualian"), refused, _refusal_bucket, _refusal_labels),
    Figure("open", _("Permohonan belum dijawab pada akhir periode"), open_at_end, _open_bucket, _open_labels),
    Figure("objection_ground", _("Keberatan menurut alasan (pasal 35 ayat 1)"), objection_grounds, lambda s: F("ground"),
           _choices(ObjectionGround.choices), request_path="objection__request_id"),
    Figure("objection_outcome", _("Keberatan menurut tanggapan atasan PPID"), objections, _answer_outcome_bucket,
           _answer_outcome_labels, request_path="request_id"),
    Figure("atasan_timeliness", _("Ketepatan waktu jawaban atasan PPID"), objections, _atasan_bucket, _atasan_labels,
           request_path="request_id"),
    Figure("objection_open", _("Keberatan belum dijawab pada akhir periode"), objections_open_at_end, _objection_open_bucket,
           _open_labels, request_path="request_id"),
    Figure("dispute_stage", _("Sengketa informasi menurut tahap"), disputes, lambda s: F("stage"),
           _choices(Dispute.Stage.choices), request_path="objection__request_id"),
    Figure("dispute_outcome", _("Sengketa informasi menurut putusan"), disputes, _dispute_outcome_bucket,
           _dispute_outcome_labels, request_path="objection__request_id", open_labels=True, public=False),
    Figure("satisfaction", _("Kepuasan pemohon"), surveys, lambda s: F("rating"), _choices(Rating.choices), request_path="request_id"),
)
FIGURES_BY_KEY = {figure.key: figure for figure in FIGURES}


def figure_rows(figure: Figure, scope: Scope) -> QuerySet:
    """The source rows of a figure with their bucket annotated as ``bucket``."""
    return figure.source(scope).annotate(bucket=figure.bucket(scope))


ALL = "*"  # the drill-down of a figure's total: every row of its source


def bucket_value_parse(figure: Figure, value: str):
    """A bucket value as it travels in a URL, back to what the database compares (None if malformed)."""
    if value == ALL:
        return ALL
    if figure.key == "unit":
        return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None
    if figure.key == "month":
        try:
            return dt.date.fromisoformat(f"{value}-01") if len(value) == 7 else None
        except ValueError:
            return None
    return value


def requests_behind(figure: Figure, scope: Scope, value) -> QuerySet:
    """The ids of the requests behind one count of a figure (the drill-down list), or behind its total (ALL)."""
    if value == ALL:
        return figure.source(scope).values(figure.request_path)
    if figure.key == "month":  # the month's local dates, within the period
        month = month_period(value.year, value.month)
        inner = Scope(Period("custom", max(month.start, scope.period.start), min(month.end, scope.period.end)), scope.unit_id, scope.tz)
        return received(inner).values("pk")
    rows = figure_rows(figure, scope).filter(bucket=value)
    return rows.values(figure.request_path)
