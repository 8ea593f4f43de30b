"""What the objection pages share: finding an objection for a user (404 outside their sight)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Objection
from ..services.access import actor_is_requester_of, objections_visible_to_staff

RELATED = ("request", "requester", "received_by")


def own_objection(user, pk) -> Objection:
    return get_object_or_404(Objection.objects.select_related(*RELATED), pk=pk, requester__user=user)


def staff_objection(user, pk) -> Objection:
    return get_object_or_404(objections_visible_to_staff(user=user).select_related(*RELATED), pk=pk)


def any_objection(user, pk) -> Objection:
    """The requester's own, or one a staff member may see; anyone else: 404."""
    objection = get_object_or_404(Objection.objects.select_related(*RELATED), pk=pk)
    if actor_is_requester_of(user, objection) or objections_visible_to_staff(user=user).filter(pk=pk).exists():
        return objection
    raise Http404
