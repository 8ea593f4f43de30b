"""The Atasan PPID's desk: the queue, the Tim Pertimbangan's opinion, the written answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import StaffPermissionRequiredMixin
from ppid.rules import TransitionRefused

from ..forms import AnswerForm, OpinionForm, errors_apply
from ..selectors import atasan_queue
from ..services.answer import answer_guard, objection_answer, opinion_guard, opinion_record
from .common import staff_objection

CONFIRM_TEMPLATE = "requests/processing/confirm.html"


class AtasanQueueView(StaffPermissionRequiredMixin, TemplateView):
    permission_required = "objections.answer_objection"
    template_name = "objections/atasan_queue.html"

    def get_context_data(self, **kwargs):
        ground = self.request.GET.get("alasan", "")
        return {**super().get_context_data(**kwargs), **atasan_queue(user=self.request.user, now=timezone.now(), ground=ground)}


class _AtasanStep(StaffPermissionRequiredMixin, View):
    permission_required = "objections.answer_objection"
    guard = None
    form_class = None
    title = ""
    submit_label = ""
    explanation = ""

    def facts(self, objection):
        return [
            (_("Nomor keberatan"), objection.register_number),
            (_("Nomor permohonan"), objection.request.register_number),
            (_("Batas jawaban atasan PPID"), objection.answer_due.strftime("%d-%m-%Y") if objection.answer_due else "-"),
        ]

    def context(self, objection, form, refusal=None):
        return {
            "form": form,
            "refusal": refusal,
            "title": self.title,
            "explanation": self.explanation,
            "facts": self.facts(objection),
            "submit_label": self.submit_label,
            "multipart": True,
            "cancel_url": reverse("objections:detail", args=[objection.pk]),
        }

    def refused(self, request, objection, verdict_or_error):
        forbidden = getattr(verdict_or_error, "forbidden", False)
        if forbidden:
            raise PermissionDenied
        reason = getattr(verdict_or_error, "reason", None) or getattr(verdict_or_error, "message", "")
        return render(request, CONFIRM_TEMPLATE, self.context(objection, None, reason), status=409)

    def get(self, request, pk):
        objection = staff_objection(request.user, pk)
        verdict = type(self).guard(request.user, objection, timezone.now())
        if not verdict.allowed:
            return self.refused(request, objection, verdict)
        return render(request, CONFIRM_TEMPLATE, self.context(objection, self.form_class()))

    def post(self, request, pk):
        objection = staff_objection(request.user, pk)
        verdict = type(self).guard(request.user, objection, timezone.now())
        if not verdict.allowed:
            return self.refused(request, objection, verdict)
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.act(objection, form.cleaned_data)
            except ValidationError as error:
                errors_apply(form, error)
            except TransitionRefused as refusal:
                return render(request, CONFIRM_TEMPLATE, self.context(objection, None, refusal.message), status=409)
            else:
                messages.success(request, self.done_message)
                return redirect("objections:detail", pk=objection.pk)
        return render(request, CONFIRM_TEMPLATE, self.context(objection, form), status=400)


class OpinionView(_AtasanStep):
    guard = staticmethod(opinion_guard)
    form_class = OpinionForm

    @property
    def title(self):
        return _("Pertimbangan Tim Pertimbangan Pelayanan Informasi")

    @property
    def submit_label(self):
        return _("Catat")

    @property
    def done_message(self):
        return _("Permintaan pertimbangan dicatat.")

    def act(self, objection, data):
        opinion_record(
            objection_id=objection.pk,
            question=data["question"],
            opinion=data["opinion"],
            received_on=data["received_on"],
            document=data["document"],
            actor=self.request.user,
            now=timezone.now(),
        )


class AnswerView(_AtasanStep):
    guard = staticmethod(answer_guard)
    form_class = AnswerForm

    @property
    def title(self):
        return _("Tanggapan tertulis atasan PPID")

    @property
    def submit_label(self):
        return _("Terbitkan tanggapan")

    @property
    def explanation(self):
        return _(
            "Tanggapan diberi nomor, ditandatangani atas nama atasan PPID dan disampaikan kepada pemohon. "
            "Bila memerintahkan informasi diberikan, permohonan dibuka kembali untuk pemenuhan oleh PPID."
        )

    @property
    def done_message(self):
        return _("Tanggapan atasan PPID diterbitkan.")

    def act(self, objection, data):
        objection_answer(
            objection_id=objection.pk,
            outcome=data["outcome"],
            body=data["body"],
            ordered_decision=data["ordered_decision"],
            compliance_working_days=data["compliance_working_days"] if data["ordered_decision"] else None,
            order_to_ppid=data["order_to_ppid"],
            actor=self.request.user,
            now=timezone.now(),
        )
