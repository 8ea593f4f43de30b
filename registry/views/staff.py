"""The verifier's queue and pages, and the staff's access report for one requester."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from ppid.rules import TransitionRefused

from .. import selectors, services
from ..forms import RejectionForm
from ..services.verification import verification_approve_guard, verification_reject_guard
from .common import NoStoreMixin, form_errors_from, refusal_response, verdict_response


class VerifierMixin(NoStoreMixin, PermissionRequiredMixin):
    permission_required = "registry.verify_requester"

    def get_requester(self):
        """A requester the user may see (404 otherwise), whatever its state: the guards judge the state."""
        if not hasattr(self, "_requester"):
            self._requester = get_object_or_404(
                selectors.requesters_visible_to(user=self.request.user).select_related("user", "claimed_requester"),
                pk=self.kwargs["pk"],
            )
        return self._requester

    def detail_url(self):
        return reverse("registry:verification-detail", args=[self.kwargs["pk"]])


class VerificationQueueView(VerifierMixin, TemplateView):
    template_name = "registry/verification_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pending=selectors.requesters_pending_verification(user=self.request.user), **kwargs)


class VerificationDetailView(VerifierMixin, TemplateView):
    template_name = "registry/verification_detail.html"

    def get_context_data(self, **kwargs):
        requester = self.get_requester()
        return super().get_context_data(
            requester=requester,
            documents=requester.documents.all(),
            history=requester.verifications.select_related("decided_by"),
            actions=services.verification_actions(actor=self.request.user, requester=requester, now=timezone.now()),
            **kwargs,
        )


class VerificationApproveView(VerifierMixin, TemplateView):
    template_name = "registry/verification_approve.html"

    def get(self, request, *args, **kwargs):
        verdict = verification_approve_guard(request.user, self.get_requester(), timezone.now())
        return verdict_response(request, verdict, back_url=self.detail_url()) or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(requester=self.get_requester(), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.requester_verification_approve(requester=self.get_requester(), verifier=request.user, now=timezone.now())
        except TransitionRefused as refusal:
            return refusal_response(request, refusal, back_url=self.detail_url())
        messages.success(request, _("Identitas pemohon disetujui."))
        return redirect("registry:verification-queue")


class VerificationRejectView(VerifierMixin, FormView):
    template_name = "registry/verification_reject.html"
    form_class = RejectionForm

    def get(self, request, *args, **kwargs):
        verdict = verification_reject_guard(request.user, self.get_requester(), timezone.now())
        return verdict_response(request, verdict, back_url=self.detail_url()) or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(requester=self.get_requester(), **kwargs)

    def form_valid(self, form):
        try:
            services.requester_verification_reject(
                requester=self.get_requester(), verifier=self.request.user, reason=form.cleaned_data["reason"], now=timezone.now()
            )
        except TransitionRefused as refusal:
            return refusal_response(self.request, refusal, back_url=self.detail_url())
        except ValidationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Pengajuan identitas ditolak; pemohon melihat alasannya."))
        return redirect("registry:verification-queue")


class AccessReportView(NoStoreMixin, PermissionRequiredMixin, TemplateView):
    """Every access to one requester's data, for the requester or a breach report (UU 27/2022); itself logged."""

    template_name = "registry/access_report.html"
    permission_required = "registry.view_identityaccesslog"

    def get_context_data(self, **kwargs):
        requester = get_object_or_404(selectors.requesters_visible_to(user=self.request.user), pk=self.kwargs["pk"])
        entries = list(selectors.requester_access_log(requester=requester))
        services.access_report_log(requester=requester, user=self.request.user)
        return super().get_context_data(requester=requester, entries=entries, generated_at=timezone.now(), **kwargs)
