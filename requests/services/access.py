"""Who may see and act on a request: the roles' permissions and the one unit-scope rule.

Every staff member belongs to a unit (domain brief). Staff of the PPID Utama work office-wide;
staff of a PPID Pembantu work on their unit's requests and on those forwarded to their unit; a
staff account without a unit is misconfigured and sees and does nothing (a superuser excepted).
The visibility queryset (``requests_visible_to_staff``) and every guard's scope check
(``actor_scope_verdict``) are built from the same ``staff_scope``, so what a user sees and what
the user may act on cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.models import Unit
from ppid.rules import Verdict, actor_has_any, forbid
from ppid.shared_config import user_unit_kind

from ..models import Forwarding, InformationRequest

# Who may do what: Django permissions granted to the roles by requests/migrations/0002.
FORWARD_PERMISSIONS = ("requests.review_request", "requests.decide_request")
REVIEW_PERMISSIONS = ("requests.review_request",)
MEETING_PERMISSIONS = ("requests.review_request", "requests.decide_request")
DECIDE_PERMISSIONS = ("requests.decide_request",)
SUPPLY_PERMISSIONS = ("requests.supply_information",)
DELIVER_PERMISSIONS = ("requests.decide_request", "requests.intake_request", "requests.supply_information")
DESK_PERMISSIONS = ("requests.intake_request", "requests.decide_request")
ASSIGN_PERMISSIONS = ("requests.review_request", "requests.decide_request", "requests.intake_request")
# Staff who work on requests; a PPID Pembantu officer has supply_information only.
STAFF_VIEW_PERMISSIONS = (
    "requests.view_informationrequest",
    "requests.review_request",
    "requests.decide_request",
    "requests.supply_information",
    "requests.intake_request",
)


@dataclass(frozen=True)
class StaffScope:
    """ALL (office-wide), UNIT (one PPID Pembantu: its requests and those forwarded to it) or NONE."""

    everything: bool = False
    unit: Unit | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.unit is None


NO_SCOPE = StaffScope()
OFFICE_WIDE = StaffScope(everything=True)


def user_is_processing_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or actor_has_any(user, STAFF_VIEW_PERMISSIONS))


def staff_scope(user) -> StaffScope:
    """The one unit-scope rule (see the module's docstring)."""
    if not user_is_processing_staff(user):
        return NO_SCOPE
    if user.is_superuser:
        return OFFICE_WIDE
    if user.unit_id is None:
        return NO_SCOPE
    # The kind from the process's snapshot of the units (never stale): office-wide staff cost no
    # query; a PPID Pembantu's staff read their unit for the filters.
    if user_unit_kind(user) == Unit.Kind.ASSISTING:
        return StaffScope(unit=user.unit)
    return OFFICE_WIDE if user.has_perm("requests.view_informationrequest") else NO_SCOPE


def user_unit_scope(user) -> Unit | None:
    """The PPID Pembantu unit a user is confined to, or None."""
    return staff_scope(user).unit


def requests_visible_to_staff(*, user) -> QuerySet[InformationRequest]:
    scope = staff_scope(user)
    if scope.everything:
        return InformationRequest.objects.all()
    if scope.unit is None:
        return InformationRequest.objects.none()
    forwarded = Forwarding.objects.filter(request=OuterRef("pk"), unit=scope.unit)
    return InformationRequest.objects.filter(Q(unit=scope.unit) | Exists(forwarded))


def request_in_scope(user, request: InformationRequest) -> bool:
    scope = staff_scope(user)
    if scope.everything:
        return True
    if scope.unit is None:
        return False
    return request.unit_id == scope.unit.pk or request.forwardings.filter(unit_id=scope.unit.pk).exists()


def actor_scope_verdict(actor, request: InformationRequest, permissions: tuple[str, ...]) -> Verdict | None:
    """The role and unit part of every staff guard: a forbidding verdict, or None when both allow."""
    if not actor_has_any(actor, permissions):
        return forbid()
    if not request_in_scope(actor, request):
        return forbid(_("Permohonan ini bukan milik unit Anda."))
    return None


def actor_is_requester_of(actor, request: InformationRequest) -> bool:
    requester = getattr(actor, "requester", None) if actor is not None and actor.is_authenticated else None
    return requester is not None and requester.pk == request.requester_id


def requesters_in_unit_scope(user):
    """For registry's visibility rule (registry cannot import requests; see docs/architecture.md).

    None for office-wide staff (the PPID Utama's); for a PPID Pembantu's staff, whatever their
    role, the requesters of the requests their unit deals with: its own and those forwarded to it,
    as for the requests themselves; staff without a unit see none."""
    if not user.is_authenticated or user.is_superuser:
        return None
    if user.unit_id is None:
        return InformationRequest.objects.none().values("requester")
    if user_unit_kind(user) != Unit.Kind.ASSISTING:
        return None
    unit = user.unit_id
    return InformationRequest.objects.filter(Q(unit_id=unit) | Q(forwardings__unit_id=unit)).values("requester")
