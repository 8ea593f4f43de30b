"""Reads of requester identity."""

from django.db.models import Q, QuerySet

from .models import Requester
from .validators import NIK_PATTERN


def requesters_search(*, query: str, limit: int = 20) -> QuerySet[Requester]:
    """Find requesters at the desk by NIK (exact), phone or name (contains)."""
    query = (query or "").strip()
    if not query:
        return Requester.objects.none()
    if NIK_PATTERN.fullmatch(query):
        condition = Q(nik=query)
    else:
        digits = "".join(ch for ch in query if ch in "0123456789+")
        condition = Q(full_name__icontains=query) | Q(entity_name__icontains=query)
        if len(digits) >= 6:
            condition |= Q(phone__contains=digits)
    return Requester.objects.filter(condition).order_by("full_name")[:limit]
