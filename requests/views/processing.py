"""Back office: the work queues and the staff request page.

Views stay thin: they load what the user may see (404 outside their scope) and list the actions
whose guards allow them; each action has its confirmation page in requests.views.transitions.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.generic import TemplateView

from ppid.rules import actions_available

from ..selectors_ledger import request_ledger
from ..selectors_processing import request_events, request_processing_records, staff_request_detail, work_queues
from ..services.access import user_is_processing_staff
from ..services.actions import NOTICE_RECEIPT_ACTION, RETURN_ACTION, STAFF_ACTIONS


class ProcessingStaffMixin(LoginRequiredMixin):
    """Anonymous -> login; a user who is not processing staff -> 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_is_processing_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(ProcessingStaffMixin, TemplateView):
    template_name = "requests/processing/queue.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **work_queues(user=self.request.user, now=timezone.now())}


class StaffRequestDetailView(ProcessingStaffMixin, TemplateView):
    template_name = "requests/processing/detail.html"

    def get_context_data(self, **kwargs):
        user, now = self.request.user, timezone.now()
        req = staff_request_detail(user=user, pk=self.kwargs["pk"])
        forwardings = list(req.forwardings.select_related("unit", "forwarded_by", "returned_by").prefetch_related("materials"))
        for forwarding in forwardings:
            forwarding.request = req
        records = request_processing_records(request=req, for_requester=False)
        for notice in records["notices"]:
            notice.request = req
            notice.receipt_action = next(iter(actions_available([NOTICE_RECEIPT_ACTION], actor=user, obj=notice, now=now)), None)
        return {
            **super().get_context_data(**kwargs),
            "req": req,
            "ledger": request_ledger(request=req, now=now),
            "records": records,
            "reviews": req.reviews.select_related("reviewer", "dip_item"),
            "meetings": req.meetings.select_related("minutes", "recorded_by"),
            "forwardings": forwardings,
            "events": request_events(request=req),
            "actions": actions_available(STAFF_ACTIONS, actor=user, obj=req, now=now),
            "returnable": [
                (forwarding, action)
                for forwarding in forwardings
                for action in actions_available([RETURN_ACTION], actor=user, obj=forwarding, now=now)
            ],
            "for_requester": False,
        }
