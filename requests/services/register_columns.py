"""The register's columns that come from other records, kept on the request row.

The register (requests.selectors_register) shows the date of the first written notice (a
decision or a refusal), the body of the latest refusal notice and the pasal 17 letter or the
other law of the latest review. Read as four subqueries per row they cost the CSV of
100,000 requests more than writing it; they are stored on InformationRequest instead and
refreshed here, from the same rules, whenever a notice or a review is recorded
(requests.services.notices.notice_issue, requests.services.review). Migration 0007 filled them
for the existing rows with register_columns_expressions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

NOTICE_KINDS_FIRST = ("decision", "refusal")


def register_columns_expressions(notice_model, review_model) -> dict:
    """The UPDATE's values for each request row (models passed in, so the migration uses its own)."""
    first_notice = notice_model.objects.filter(request=OuterRef("pk"), kind__in=NOTICE_KINDS_FIRST).order_by("issued_at")
    refusal = notice_model.objects.filter(request=OuterRef("pk"), kind="refusal").order_by("-issued_at")
    # The latest review of any outcome: a request re-reviewed as open and granted prints no stale pasal 17 reason.
    review = review_model.objects.filter(request=OuterRef("pk")).order_by("-reviewed_at", "-id")
    return {
        "register_notice_at": Subquery(first_notice.values("issued_at")[:1]),
        "register_refusal_body": Coalesce(Subquery(refusal.values("body")[:1]), Value("")),
        "register_exemption_letter": Coalesce(Subquery(review.values("exemption_letter")[:1]), Value("")),
        "register_exemption_law": Coalesce(Subquery(review.values("other_law")[:1]), Value("")),
    }


def register_columns_refresh(request_ids: Iterable[int]) -> None:
    """Recompute the register's columns of these requests (one UPDATE, whatever their number)."""
    from ..models import InformationRequest, Notice, Review

    ids = list(request_ids)
    if ids:
        InformationRequest.objects.filter(pk__in=ids).update(**register_columns_expressions(Notice, Review))


REGISTER_COLUMNS = ("register_notice_at", "register_refusal_body", "register_exemption_letter", "register_exemption_law")


def register_columns_refresh_request(request) -> None:
    """Recompute one request's register columns and reload them on the instance, so that a later
    ``save()`` of that instance writes the new values, not the ones it held before."""
    register_columns_refresh([request.pk])
    request.refresh_from_db(fields=REGISTER_COLUMNS)
