"""The dispute desk's pages and the requester's escalation. Views are thin: guards and services decide.

Each confirmation page asks its transition's guard (objections.services.disputes): refused, the page
shows the reason instead of the form (409) and a forged POST gets the same reason from the service;
a role that may not act gets 403 before the object is looked up; an object outside the user's
scope (or another requester's objection) is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import RequesterRequiredMixin
from ppid.rules import ActionNotPermitted, TransitionRefused, actions_available
from ppid.storage import private_file_response
from ppid.views_files import GeneratedFileRequestView
from requests.services.transitions import day_text

from . import dossier_files
from . import forms_disputes as forms
from .selectors_disputes import (
    dispute_events,
    dispute_ledger,
    dispute_queue,
    dispute_stage_dates,
    requester_objection,
    staff_dispute,
    staff_document,
    staff_objection,
)
from .services import dispute_outcome, dispute_records, disputes
from .services.dispute_actions import DISPUTE_ACTIONS, ESCALATE_ACTION, OPEN_ACTION
from .services.dispute_deadlines import dispute_window, objection_answer


class DisputeStaffMixin(LoginRequiredMixin):
    """Staff who may view disputes; ``handle`` views need the dispute desk's permission (403 first)."""

    handle = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        allowed = disputes.user_handles_disputes if self.handle else disputes.user_views_disputes
        if not allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DisputeQueueView(DisputeStaffMixin, TemplateView):
    template_name = "objections/disputes/queue.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        queue = dispute_queue(user=self.request.user, now=now)
        # Each eligible objection offers "record a dispute" when the open guard allows it for this user.
        queue["eligible"] = [
            (row, actions_available((OPEN_ACTION,), actor=self.request.user, obj=row.objection, now=now)) for row in queue["eligible"]
        ]
        return {**super().get_context_data(**kwargs), **queue}


class DisputeDetailView(DisputeStaffMixin, TemplateView):
    template_name = "objections/disputes/detail.html"

    def get_context_data(self, **kwargs):
        dispute = staff_dispute(user=self.request.user, pk=self.kwargs["pk"])
        now = timezone.now()
        return {
            **super().get_context_data(**kwargs),
            "dispute": dispute,
            "objection": dispute.objection,
            "answer": objection_answer(dispute.objection),
            "ledger": dispute_ledger(dispute, now=now),
            "stage_dates": dispute_stage_dates(dispute),
            "hearings": list(dispute.hearings.all()),
            "documents": list(dispute.documents.all()),
            "events": dispute_events(dispute),
            "actions": actions_available(DISPUTE_ACTIONS, actor=self.request.user, obj=dispute, now=now),
        }


class ConfirmView(View):
    """GET shows what will happen (or why it cannot); POST runs the service."""

    template_name = "objections/disputes/confirm.html"
    form_class = forms.NoteForm
    guard = None
    title = ""
    explanation = ""
    submit_label = gettext_lazy("Simpan")
    success_message = gettext_lazy("Tersimpan.")
    multipart = False

    def load(self):
        raise NotImplementedError

    def facts(self):
        return []

    def cancel_url(self):
        raise NotImplementedError

    def success_url(self, result):
        return self.cancel_url()

    def run(self, data, *, now):
        raise NotImplementedError

    def context(self, form, refusal=None):
        return {
            "form": form, "title": self.title, "explanation": self.explanation, "facts": self.facts(),
            "submit_label": self.submit_label, "refusal": refusal, "multipart": self.multipart, "cancel_url": self.cancel_url(),
        }

    def verdict(self, now):
        verdict = type(self).guard(self.request.user, self.subject, now)
        if verdict.forbidden:
            raise PermissionDenied
        return verdict

    def get(self, request, *args, **kwargs):
        self.subject = self.load()
        verdict = self.verdict(timezone.now())
        if not verdict.allowed:
            return render(request, self.template_name, self.context(None, refusal=verdict.reason), status=409)
        return render(request, self.template_name, self.context(self.form_class()))

    def post(self, request, *args, **kwargs):
        self.subject = self.load()
        now = timezone.now()
        verdict = self.verdict(now)
        if not verdict.allowed:
            return render(request, self.template_name, self.context(None, refusal=verdict.reason), status=409)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        try:
            result = self.run(form.cleaned_data, now=now)
        except ActionNotPermitted:
            raise PermissionDenied from None
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, self.context(form), status=400)
        except TransitionRefused as refusal:
            return render(request, self.template_name, self.context(None, refusal=refusal.message), status=409)
        messages.success(request, self.success_message)
        return redirect(self.success_url(result))


def _objection_facts(objection):
    window = dispute_window(objection)
    return [
        (_("Nomor register keberatan"), str(objection)),
        (_("Nomor register permohonan"), str(objection.request)),
        (_("Batas tanggapan atasan PPID"), day_text(objection.answer_due)),
        (_("Batas pengajuan sengketa"), day_text(window.last_day) + f" ({window.basis_label}: {day_text(window.start)})" if window else "-"),
    ]


class EscalateView(RequesterRequiredMixin, ConfirmView):
    """The requester's "I take it to the Komisi Informasi" (linked from the panel on their request page)."""

    form_class = forms.EscalateForm
    guard = disputes.escalate_guard
    title = gettext_lazy("Ajukan sengketa ke Komisi Informasi")
    explanation = gettext_lazy(
        "Jika Anda tidak puas dengan tanggapan atasan PPID, atau tidak ada tanggapan, Anda dapat mengajukan penyelesaian "
        "sengketa informasi ke Komisi Informasi dalam 14 hari kerja. Catat di sini bahwa Anda mengajukannya; "
        "petugas penyelesaian sengketa kami akan menyiapkan bahan dan mendampingi atasan PPID."
    )
    submit_label = gettext_lazy("Ajukan sengketa")
    success_message = gettext_lazy("Pengajuan sengketa Anda dicatat.")

    def load(self):
        return requester_objection(user=self.request.user, pk=self.kwargs["pk"])

    def facts(self):
        return _objection_facts(self.subject)

    def cancel_url(self):
        return reverse("requests:my-request-processing", args=[self.subject.request_id])

    def run(self, data, *, now):
        return disputes.dispute_escalate(objection_id=self.subject.pk, actor=self.request.user, now=now, note=data["note"])


class OpenView(DisputeStaffMixin, ConfirmView):
    handle = True
    form_class = forms.OpenForm
    guard = disputes.open_guard
    title = gettext_lazy("Catat sengketa di Komisi Informasi")
    explanation = gettext_lazy("Tanggal pengajuan diuji terhadap batas 14 hari kerja (UU KIP pasal 37 ayat (2)).")
    success_message = gettext_lazy("Sengketa dicatat.")

    def load(self):
        return staff_objection(user=self.request.user, pk=self.kwargs["pk"])

    def facts(self):
        return _objection_facts(self.subject)

    def cancel_url(self):
        return reverse("disputes:queue")

    def success_url(self, result):
        return reverse("disputes:detail", args=[result.pk])

    def run(self, data, *, now):
        return disputes.dispute_open(objection_id=self.subject.pk, filed_on=data["filed_on"], actor=self.request.user, now=now, note=data["note"])


class DisputeConfirmView(DisputeStaffMixin, ConfirmView):
    handle = True

    def load(self):
        return staff_dispute(user=self.request.user, pk=self.kwargs["pk"])

    def facts(self):
        d = self.subject
        return [
            (_("Keberatan"), str(d.objection)), (_("Permohonan"), str(d.objection.request)),
            (_("Nomor registrasi Komisi Informasi"), d.ki_registration_number or "-"), (_("Tahap"), d.get_stage_display()),
            (_("Batas mediasi"), day_text(d.mediation_due)), (_("Batas penyelesaian"), day_text(d.settlement_due)),
        ]

    def cancel_url(self):
        return reverse("disputes:detail", args=[self.subject.pk])


def _transition(name, *, guard, form, title, service, success, explanation="", multipart=False, args=None):
    """A confirmation page for one transition; ``args(data)`` maps the form to the service's arguments."""

    def run(self, data, *, now):
        return service(dispute_id=self.subject.pk, actor=self.request.user, now=now, **(args or (lambda d: d))(data))

    return type(name, (DisputeConfirmView,), {
        "guard": guard, "form_class": form, "title": title, "success_message": success, "explanation": explanation,
        "multipart": multipart, "run": run,
    })


def _day_note(field):
    return lambda d: {field: d["day"], "note": d["note"]}


RegisterView = _transition(
    "RegisterView", guard=disputes.register_guard, form=forms.RegisterForm, title=gettext_lazy("Registrasi sengketa"),
    service=disputes.dispute_register, success=gettext_lazy("Registrasi dicatat."),
)
PreliminaryView = _transition(
    "PreliminaryView", guard=disputes.preliminary_guard, form=forms.StageDateForm, title=gettext_lazy("Pemeriksaan awal"),
    service=disputes.dispute_preliminary, success=gettext_lazy("Pemeriksaan awal dicatat."), args=_day_note("held_on"),
)
MediationView = _transition(
    "MediationView", guard=disputes.mediation_guard, form=forms.StageDateForm, title=gettext_lazy("Mulai mediasi"),
    service=disputes.dispute_mediation_start, success=gettext_lazy("Mediasi dicatat."), args=_day_note("started_on"),
    explanation=gettext_lazy("Mediasi berlangsung 14 hari kerja sejak hari pertama, dapat diperpanjang sekali 7 hari kerja."),
)
MediationExtendView = _transition(
    "MediationExtendView", guard=disputes.mediation_extend_guard, form=forms.NoteForm, title=gettext_lazy("Perpanjang mediasi"),
    service=disputes.dispute_mediation_extend, success=gettext_lazy("Mediasi diperpanjang 7 hari kerja."),
)
AdjudicationView = _transition(
    "AdjudicationView", guard=disputes.adjudication_guard, form=forms.StageDateForm, title=gettext_lazy("Mulai ajudikasi"),
    service=disputes.dispute_adjudication_start, success=gettext_lazy("Ajudikasi dicatat."), args=_day_note("started_on"),
)
DecideView = _transition(
    "DecideView", guard=disputes.decide_guard, form=forms.DecideForm, title=gettext_lazy("Putusan atau kesepakatan mediasi"),
    service=dispute_outcome.dispute_decide, success=gettext_lazy("Putusan dicatat."),
    explanation=gettext_lazy("Putusan yang memerintahkan informasi diberikan membuka kembali permohonan untuk pemenuhan oleh PPID."),
)
CourtView = _transition(
    "CourtView", guard=disputes.court_guard, form=forms.CourtForm, title=gettext_lazy("Keberatan ke pengadilan"),
    service=dispute_outcome.dispute_court_file, success=gettext_lazy("Keberatan ke pengadilan dicatat."),
    args=lambda d: {"court": d["court"], "filed_on": d["day"], "number": d["number"], "note": d["note"]},
)
CassationView = _transition(
    "CassationView", guard=disputes.cassation_guard, form=forms.CassationForm, title=gettext_lazy("Kasasi ke Mahkamah Agung"),
    service=dispute_outcome.dispute_cassation_file, success=gettext_lazy("Kasasi dicatat."),
    args=lambda d: {"filed_on": d["day"], "number": d["number"], "note": d["note"]},
)
CloseView = _transition(
    "CloseView", guard=disputes.close_guard, form=forms.StageDateForm, title=gettext_lazy("Selesaikan sengketa"),
    service=dispute_outcome.dispute_close, success=gettext_lazy("Sengketa selesai."), args=_day_note("closed_on"),
)
HearingView = _transition(
    "HearingView", guard=dispute_records.hearing_guard, form=forms.HearingForm, title=gettext_lazy("Catat sidang"),
    service=dispute_records.hearing_record, success=gettext_lazy("Sidang dicatat."),
)
DocumentAddView = _transition(
    "DocumentAddView", guard=dispute_records.document_guard, form=forms.DocumentForm, title=gettext_lazy("Unggah dokumen sengketa"),
    service=dispute_records.document_add, success=gettext_lazy("Dokumen diunggah."), multipart=True,
    args=lambda d: {"title": d["title"], "upload": d["file"]},
)


class DocumentFileView(DisputeStaffMixin, View):
    def get(self, request, pk):
        document = staff_document(user=request.user, pk=pk)
        return private_file_response(document.file, filename=document.original_name, inline=True, content_type=document.content_type)


class DossierView(DisputeStaffMixin, GeneratedFileRequestView):
    """The escalation dossier (PDF, Indonesian) of a dispute, or of an objection not yet disputed, built in the
    background: the page's button posts here; a GET (an old link to the PDF) asks first."""

    of = "dispute"

    @property
    def kind(self) -> str:
        return dossier_files.DISPUTE_DOSSIER if self.of == "dispute" else dossier_files.OBJECTION_DOSSIER

    def job(self) -> tuple[str, dict]:
        objection, dispute = dossier_files.dossier_case(user=self.request.user, kind=self.kind, pk=self.kwargs["pk"])
        title = _("Berkas sengketa %(objection)s") if dispute else _("Berkas keberatan %(objection)s")
        return title % {"objection": objection}, {"pk": self.kwargs["pk"]}

    def back_url(self) -> str:
        if self.of == "dispute":
            return reverse("disputes:detail", args=[self.kwargs["pk"]])
        return reverse("disputes:queue")


def requester_panel_context(*, objection, user, now) -> dict:
    """What the requester's panel shows (rendered by ``{% requester_dispute_panel objection %}`` on the objection page)."""
    dispute = disputes.open_dispute_of(objection) or objection.disputes.order_by("-filed_on").first()
    verdict = disputes.escalate_guard(user, objection, now)
    return {
        "dispute_objection": objection,
        "dispute_window": dispute_window(objection),
        "dispute": dispute,
        "dispute_escalate": actions_available((ESCALATE_ACTION,), actor=user, obj=objection, now=now),
        "dispute_refusal": "" if verdict.allowed or verdict.forbidden else verdict.reason,
    }

