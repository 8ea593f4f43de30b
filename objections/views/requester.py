"""The requester's side: filing online from their request page, the objection with its status and
deadlines, the Atasan's answer, and accepting it."""

from __future__ import annotations


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import RequesterRequiredMixin
from ppid.rules import TransitionRefused, actions_available
from requests.models import InformationRequest

from ..forms import AcceptForm, ObjectionForm, errors_apply
from ..selectors_ledger import objection_ledger
from ..services.actions import REQUESTER_ACTIONS
from ..services.answer import accept_guard, objection_accept
from ..services.filing import file_guard, objection_file
from ..services.grounds import grounds_offered
from .common import own_objection

FORM_TEMPLATE = "objections/file_form.html"
CONFIRM_TEMPLATE = "requests/processing/confirm.html"


class MyObjectionFileView(RequesterRequiredMixin, View):
    """Ajukan keberatan: the grounds the facts allow, each with its window and the requester's reason."""

    def _request(self, pk):
        return get_object_or_404(InformationRequest.objects.select_related("requester"), pk=pk, requester__user=self.request.user)

    def context(self, req, form, refusal=None):
        return {
            "req": req,
            "form": form,
            "refusal": refusal,
            "title": _("Ajukan keberatan kepada Atasan PPID"),
            "cancel_url": reverse("requests:my-request-processing", args=[req.pk]),
        }

    def get(self, request, pk):
        req = self._request(pk)
        now = timezone.now()
        verdict = file_guard(request.user, req, now)
        if not verdict.allowed:
            return render(request, FORM_TEMPLATE, self.context(req, None, verdict.reason), status=409)
        return render(request, FORM_TEMPLATE, self.context(req, ObjectionForm(offers=grounds_offered(req, submitted_at=now))))

    def post(self, request, pk):
        req = self._request(pk)
        now = timezone.now()
        verdict = file_guard(request.user, req, now)
        if not verdict.allowed:
            return render(request, FORM_TEMPLATE, self.context(req, None, verdict.reason), status=409)
        form = ObjectionForm(request.POST, offers=grounds_offered(req, submitted_at=now))
        if form.is_valid():
            try:
                objection = objection_file(
                    request_id=req.pk, claims=form.claims(), reasons=form.cleaned_data["reasons"], actor=request.user, now=now
                )
            except ValidationError as error:
                errors_apply(form, error)
            except TransitionRefused as refusal:
                return render(request, FORM_TEMPLATE, self.context(req, None, refusal.message), status=409)
            else:
                messages.success(
                    request, _("Keberatan Anda dicatat dengan nomor %(number)s.") % {"number": objection.register_number}
                )
                return redirect("objections:mine-detail", pk=objection.pk)
        return render(request, FORM_TEMPLATE, self.context(req, form), status=400)


class MyObjectionDetailView(RequesterRequiredMixin, TemplateView):
    template_name = "objections/my_objection.html"

    def get_context_data(self, **kwargs):
        objection = own_objection(self.request.user, self.kwargs["pk"])
        now = timezone.now()
        return {
            **super().get_context_data(**kwargs),
            "objection": objection,
            "ledger": objection_ledger(objection=objection, now=now),
            "grounds": objection.grounds.order_by("ground"),
            "answer": getattr(objection, "answer", None),
            "actions": actions_available(REQUESTER_ACTIONS, actor=self.request.user, obj=objection, now=now),
        }


class MyObjectionAcceptView(RequesterRequiredMixin, View):
    def context(self, objection, form, refusal=None):
        return {
            "form": form,
            "refusal": refusal,
            "title": _("Terima tanggapan atasan PPID"),
            "explanation": _("Dengan menerima tanggapan ini, keberatan Anda selesai."),
            "facts": [(_("Nomor keberatan"), objection.register_number), (_("Status"), objection.get_status_display())],
            "submit_label": _("Terima tanggapan"),
            "cancel_url": reverse("objections:mine-detail", args=[objection.pk]),
        }

    def get(self, request, pk):
        objection = own_objection(request.user, pk)
        verdict = accept_guard(request.user, objection, timezone.now())
        if not verdict.allowed:
            return render(request, CONFIRM_TEMPLATE, self.context(objection, None, verdict.reason), status=409)
        return render(request, CONFIRM_TEMPLATE, self.context(objection, AcceptForm()))

    def post(self, request, pk):
        objection = own_objection(request.user, pk)
        form = AcceptForm(request.POST)
        if not form.is_valid():
            return render(request, CONFIRM_TEMPLATE, self.context(objection, form), status=400)
        try:
            objection_accept(objection_id=objection.pk, reply=form.cleaned_data["reply"], actor=request.user, now=timezone.now())
        except TransitionRefused as refusal:
            return render(request, CONFIRM_TEMPLATE, self.context(objection, None, refusal.message), status=409)
        messages.success(request, _("Tanggapan diterima; keberatan selesai."))
        return redirect("objections:mine-detail", pk=objection.pk)
