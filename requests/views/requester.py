"""The requester's view of the processing: the ledger, the notices, the information given, and withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import RequesterRequiredMixin
from ppid.rules import TransitionRefused, actions_available

from .. import forms_processing as forms
from ..models import InformationRequest
from ..selectors_ledger import request_ledger
from ..selectors_processing import request_processing_records
from ..services.actions import REQUESTER_ACTIONS
from ..services.lifecycle import request_withdraw, withdraw_guard


def _own_request(user, pk) -> InformationRequest:
    return get_object_or_404(InformationRequest.objects.select_related("requester", "unit"), pk=pk, requester__user=user)


class MyRequestProcessingView(RequesterRequiredMixin, TemplateView):
    template_name = "requests/processing/my_request.html"

    def get_context_data(self, **kwargs):
        req = _own_request(self.request.user, self.kwargs["pk"])
        now = timezone.now()
        return {
            **super().get_context_data(**kwargs),
            "req": req,
            "ledger": request_ledger(request=req, now=now),
            "records": request_processing_records(request=req, for_requester=True),
            "for_requester": True,
            "actions": actions_available(REQUESTER_ACTIONS, actor=self.request.user, obj=req, now=now),
        }


class MyRequestWithdrawView(RequesterRequiredMixin, View):
    template_name = "requests/processing/confirm.html"

    def context(self, req, form, refusal=None):
        return {
            "req": req,
            "form": form,
            "title": _("Cabut permohonan"),
            "explanation": _(
                "Anda dapat mencabut permohonan sebelum informasi diserahkan dan sebelum permohonan ditutup. "
                "Pencabutan tidak dapat dibatalkan."
            ),
            "facts": [(_("Nomor register"), str(req)), (_("Status"), req.get_status_display())],
            "submit_label": _("Cabut permohonan"),
            "refusal": refusal,
            "cancel_url": reverse("requests:my-request-processing", args=[req.pk]),
        }

    def get(self, request, pk):
        req = _own_request(request.user, pk)
        verdict = withdraw_guard(request.user, req, timezone.now())
        if not verdict.allowed:
            return render(request, self.template_name, self.context(req, None, refusal=verdict.reason), status=409)
        return render(request, self.template_name, self.context(req, forms.WithdrawForm()))

    def post(self, request, pk):
        req = _own_request(request.user, pk)
        form = forms.WithdrawForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(req, form), status=400)
        try:
            request_withdraw(request_id=req.pk, reason=form.cleaned_data["reason"], actor=request.user, now=timezone.now())
        except TransitionRefused as refusal:
            return render(request, self.template_name, self.context(req, None, refusal=refusal.message), status=409)
        messages.success(request, _("Permohonan Anda dicabut."))
        return redirect("requests:my-request-processing", pk=req.pk)
