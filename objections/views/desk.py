"""The desk: recording an objection on the requester's behalf (any channel, the true received moment,
a proxy with the power of attorney), and the staff page of an objection."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import StaffPermissionRequiredMixin
from ppid.rules import TransitionRefused, actions_available
from ppid.workdays import office_timezone
from requests.selectors_processing import request_processing_records
from requests.services.access import requests_visible_to_staff

from ..events import action_label, event_detail
from ..forms import DeskObjectionForm, MomentForm, errors_apply
from ..selectors_ledger import objection_ledger
from ..services.actions import ATASAN_ACTIONS
from ..services.filing import file_guard, objection_file
from ..services.grounds import grounds_offered
from .common import staff_objection

FORM_TEMPLATE = "objections/file_form.html"


class DeskObjectionFileView(StaffPermissionRequiredMixin, View):
    permission_required = "objections.add_objection"

    def _request(self, pk):
        req = requests_visible_to_staff(user=self.request.user).select_related("requester").filter(pk=pk).first()
        if req is None:
            raise Http404
        return req

    def context(self, req, form, refusal=None):
        return {
            "req": req,
            "form": form,
            "refusal": refusal,
            "desk": True,
            "multipart": True,
            "title": _("Catat keberatan pemohon"),
            "cancel_url": reverse("requests:processing-detail", args=[req.pk]),
        }

    def _moment(self, data, now):
        """The received moment typed in the form (the grounds are judged on it), else now."""
        moment = MomentForm(data)
        if moment.is_valid():
            naive = dt.datetime.combine(moment.cleaned_data["received_on"], moment.cleaned_data["received_time"])
            return timezone.make_aware(naive, office_timezone())
        return now

    def get(self, request, pk):
        req = self._request(pk)
        now = timezone.now()
        verdict = file_guard(request.user, req, now)
        if not verdict.allowed:
            status = 403 if verdict.forbidden else 409
            return render(request, FORM_TEMPLATE, self.context(req, None, verdict.reason), status=status)
        form = DeskObjectionForm(offers=grounds_offered(req, submitted_at=now), now=now)
        return render(request, FORM_TEMPLATE, self.context(req, form))

    def post(self, request, pk):
        req = self._request(pk)
        now = timezone.now()
        verdict = file_guard(request.user, req, now)
        if not verdict.allowed:
            status = 403 if verdict.forbidden else 409
            return render(request, FORM_TEMPLATE, self.context(req, None, verdict.reason), status=status)
        moment = min(self._moment(request.POST, now), now)
        form = DeskObjectionForm(request.POST, request.FILES, offers=grounds_offered(req, submitted_at=moment), now=now)
        if form.is_valid():
            data = form.cleaned_data
            try:
                objection = objection_file(
                    request_id=req.pk,
                    claims=form.claims(),
                    reasons=data["reasons"],
                    actor=request.user,
                    now=now,
                    channel=data["channel"],
                    submitted_at=form.received_at(),
                    proxy_name=data["proxy_name"],
                    proxy_address=data["proxy_address"],
                    power_of_attorney=data["power_of_attorney"],
                    backdate_reason=data["backdate_reason"],
                )
            except ValidationError as error:
                errors_apply(form, error)
            except TransitionRefused as refusal:
                return render(request, FORM_TEMPLATE, self.context(req, None, refusal.message), status=409)
            else:
                messages.success(request, _("Keberatan dicatat dengan nomor %(number)s.") % {"number": objection.register_number})
                return redirect("objections:detail", pk=objection.pk)
        return render(request, FORM_TEMPLATE, self.context(req, form), status=400)


class ObjectionDetailView(StaffPermissionRequiredMixin, TemplateView):
    """The objection with the whole request file (notices, review, tests, meeting minutes, material)."""

    permission_required = "objections.view_objection"
    template_name = "objections/detail.html"

    def get_context_data(self, **kwargs):
        objection = staff_objection(self.request.user, self.kwargs["pk"])
        req = objection.request
        now = timezone.now()
        events = [
            (e, action_label(e.action), event_detail(e.action, e.data))
            for e in objection.events.select_related("actor").order_by("at", "pk")
        ]
        return {
            **super().get_context_data(**kwargs),
            "objection": objection,
            "req": req,
            "grounds": objection.grounds.order_by("ground"),
            "answer": getattr(objection, "answer", None),
            "opinions": objection.opinions.select_related("recorded_by"),
            "ledger": objection_ledger(objection=objection, now=now),
            "records": request_processing_records(request=req, for_requester=False),
            "reviews": req.reviews.select_related("reviewer", "dip_item").order_by("reviewed_at"),
            "meetings": req.meetings.select_related("minutes").order_by("held_on"),
            "events": events,
            "actions": actions_available(ATASAN_ACTIONS, actor=self.request.user, obj=objection, now=now),
        }
