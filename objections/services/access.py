"""Who may see and act on an objection.

Staff see objections through the permission ``objections.view_objection`` and the unit-scope rule
of requests (``requests.services.access.request_in_scope``): an objection is seen by the staff who
may see its request. The requester sees their own (another requester's answers 404).
"""

from __future__ import annotations

from django.db.models import QuerySet

from ppid.rules import Verdict, actor_has_any, forbid
from requests.services.access import request_in_scope, requests_visible_to_staff

from ..models import Objection

VIEW_PERMISSIONS = ("objections.view_objection",)
DESK_PERMISSIONS = ("objections.add_objection",)
ANSWER_PERMISSIONS = ("objections.answer_objection",)
REGISTER_PERMISSIONS = ("objections.view_objection_register",)


def objections_visible_to_staff(*, user) -> QuerySet[Objection]:
    if not user.is_authenticated or not (user.is_superuser or actor_has_any(user, VIEW_PERMISSIONS)):
        return Objection.objects.none()
    return Objection.objects.filter(request__in=requests_visible_to_staff(user=user).values("pk"))


def objection_in_scope(user, objection: Objection) -> bool:
    return (user.is_superuser or actor_has_any(user, VIEW_PERMISSIONS)) and request_in_scope(user, objection.request)


def actor_is_requester_of(actor, objection: Objection) -> bool:
    requester = getattr(actor, "requester", None) if actor is not None and actor.is_authenticated else None
    return requester is not None and requester.pk == objection.requester_id


def staff_scope_verdict(actor, objection: Objection, permissions: tuple[str, ...]) -> Verdict | None:
    """The role and unit part of a staff guard: a forbidding verdict, or None when both allow."""
    if not (actor is not None and actor.is_authenticated and (actor.is_superuser or actor_has_any(actor, permissions))):
        return forbid()
    if not request_in_scope(actor, objection.request):
        return forbid()
    return None
