"""Back office: work queues, the staff request page, one confirmation page per transition, downloads.

Views stay thin: they load what the user may see (404 outside their scope), show what will
happen (GET), and call one service (POST). The rules are in requests.services.workflow.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ppid import law
from ppid.permissions import RequesterRequiredMixin
from ppid.workdays import OfficeCalendar

from .. import forms_processing as forms
from ..models import Delivery, Forwarding, InformationRequest, Material, Notice
from ..selectors_ledger import request_ledger
from ..selectors_processing import (
    REQUESTER_MATERIAL_KINDS,
    request_events,
    request_processing_records,
    requests_visible_to_staff,
    staff_request_detail,
    user_is_processing_staff,
    user_unit_scope,
    work_queues,
)
from ..services import workflow
from ..services.transitions import TransitionRefused

Status = InformationRequest.Status


class ProcessingStaffMixin(LoginRequiredMixin):
    """Anonymous -> login; a user who is not processing staff -> 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_is_processing_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _actions(user, req: InformationRequest) -> list[dict]:
    """The transitions the page offers: those the state allows and the user's role may run."""
    has = user.has_perm
    awaiting = req.status in InformationRequest.AWAITING_NOTICE_STATUSES
    open_ = req.status not in (Status.CLOSED, Status.WITHDRAWN)
    candidates = [
        ("processing-assign", _("Tugaskan petugas"), open_ and any(has(p) for p in workflow.ASSIGN_PERMISSIONS)),
        ("processing-forward", _("Teruskan ke PPID Pembantu"), awaiting and any(has(p) for p in workflow.FORWARD_PERMISSIONS)),
        ("processing-review", _("Uji konsekuensi"), awaiting and has("requests.review_request")),
        ("processing-meeting", _("Catat rapat koordinasi"), awaiting and any(has(p) for p in workflow.MEETING_PERMISSIONS)),
        ("processing-extend", _("Perpanjang waktu"), awaiting and req.extended_at is None and has("requests.decide_request")),
        ("processing-decide", _("Putuskan dan terbitkan pemberitahuan"), awaiting and has("requests.decide_request")),
        (
            "processing-desk-grant",
            _("Berikan langsung di meja layanan"),
            awaiting and req.dip_item_id is not None and any(has(p) for p in workflow.DESK_PERMISSIONS),
        ),
        (
            "processing-fulfil",
            _("Catat penyerahan informasi"),
            req.status == Status.DECIDED and req.decision in workflow.GIVES_INFORMATION and any(has(p) for p in workflow.DELIVER_PERMISSIONS),
        ),
        ("processing-close", _("Tutup permohonan"), req.status in (Status.DECIDED, Status.FULFILLED) and any(has(p) for p in workflow.DESK_PERMISSIONS)),
        ("processing-withdraw", _("Catat pencabutan oleh pemohon"), open_ and any(has(p) for p in workflow.DESK_PERMISSIONS)),
    ]
    return [{"url": reverse(f"requests:{name}", args=[req.pk]), "label": label} for name, label, allowed in candidates if allowed]


class QueueView(ProcessingStaffMixin, TemplateView):
    template_name = "requests/processing/queue.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **work_queues(user=self.request.user, now=timezone.now())}


class StaffRequestDetailView(ProcessingStaffMixin, TemplateView):
    template_name = "requests/processing/detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        req = staff_request_detail(user=user, pk=self.kwargs["pk"])
        unit = user_unit_scope(user)
        forwardings = req.forwardings.select_related("unit", "forwarded_by", "returned_by").prefetch_related("materials")
        return {
            **super().get_context_data(**kwargs),
            "req": req,
            "ledger": request_ledger(request=req, now=timezone.now()),
            "records": request_processing_records(request=req, for_requester=False),
            "reviews": req.reviews.select_related("reviewer", "dip_item"),
            "meetings": req.meetings.select_related("minutes", "recorded_by"),
            "forwardings": forwardings,
            "events": request_events(request=req),
            "actions": _actions(user, req),
            "returnable": [f for f in forwardings if f.returned_at is None and (unit is None or f.unit_id == unit.pk)]
            if user.has_perm("requests.supply_information")
            else [],
            "for_requester": False,
        }


class TransitionView(ProcessingStaffMixin, View):
    """GET: what will happen, with the form; POST: run the service, or show why it was refused."""

    template_name = "requests/processing/confirm.html"
    form_class = forms.NoteForm
    permissions: tuple[str, ...] = ()
    title = ""
    explanation = ""
    submit_label = gettext_lazy("Lanjutkan")
    success_message = gettext_lazy("Tersimpan.")
    multipart = False

    def load(self):
        self.req = staff_request_detail(user=self.request.user, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if not user_is_processing_staff(request.user):
            raise PermissionDenied
        # The role first: a role without the right gets 403 whatever it may see (and learns nothing of the object).
        if self.permissions and not any(request.user.has_perm(p) for p in self.permissions):
            raise PermissionDenied
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {}

    def get_initial(self):
        return {}

    def context(self, form, refusal=None):
        return {
            "req": self.req,
            "form": form,
            "title": self.title,
            "explanation": self.explanation,
            "facts": self.facts(),
            "submit_label": self.submit_label,
            "refusal": refusal,
            "multipart": self.multipart,
            "cancel_url": self.cancel_url(),
        }

    def facts(self) -> list[tuple[str, str]]:
        req = self.req
        ledger_due = req.notice_due.strftime("%d-%m-%Y") if req.notice_due else "-"
        return [
            (_("Nomor register"), str(req)),
            (_("Pemohon"), req.requester.display_name),
            (_("Status"), req.get_status_display()),
            (_("Batas pemberitahuan tertulis"), ledger_due),
        ]

    def cancel_url(self):
        return reverse("requests:processing-detail", args=[self.req.pk])

    def success_url(self, result):
        return self.cancel_url()

    def get(self, request, *args, **kwargs):
        form = self.form_class(initial=self.get_initial(), **self.get_form_kwargs())
        return render(request, self.template_name, self.context(form))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs())
        if not form.is_valid():
            return render(request, self.template_name, self.context(form), status=400)
        try:
            result = self.run(form.cleaned_data, now=timezone.now())
        except workflow.ActionNotPermitted:
            raise PermissionDenied
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, self.context(form), status=400)
        except TransitionRefused as refusal:
            return render(request, self.template_name, self.context(form, refusal=refusal.message), status=409)
        messages.success(request, self.success_message)
        return redirect(self.success_url(result))

    def run(self, data, *, now):
        raise NotImplementedError


class AssignView(TransitionView):
    form_class = forms.AssignForm
    permissions = workflow.ASSIGN_PERMISSIONS
    title = gettext_lazy("Tugaskan petugas")
    explanation = gettext_lazy("Petugas yang ditugaskan menerima pengingat tenggat dan melihat permohonan ini di antreannya.")
    success_message = gettext_lazy("Petugas ditugaskan.")

    def get_form_kwargs(self):
        staff = get_user_model().objects.filter(
            Q(groups__permissions__codename__in=("review_request", "decide_request", "intake_request", "supply_information"))
            | Q(is_superuser=True),
            is_active=True,
        ).distinct().order_by("first_name", "last_name", "username")
        return {"staff_queryset": staff}

    def get_initial(self):
        return {"assignee": self.req.assignee_id or self.request.user.pk}

    def run(self, data, *, now):
        return workflow.request_assign(request_id=self.req.pk, assignee=data["assignee"], actor=self.request.user, now=now)


class ForwardView(TransitionView):
    form_class = forms.ForwardForm
    permissions = workflow.FORWARD_PERMISSIONS
    title = gettext_lazy("Teruskan ke PPID Pembantu")
    explanation = gettext_lazy(
        "Permohonan dikirim ke unit yang menguasai informasi. Unit itu melihat permohonan ini dan mengembalikan bahan "
        "beserta catatan. Jangka waktu pemberitahuan tertulis tetap berjalan."
    )
    success_message = gettext_lazy("Permohonan diteruskan ke unit.")

    def run(self, data, *, now):
        return workflow.request_forward(request_id=self.req.pk, unit=data["unit"], note=data["note"], actor=self.request.user, now=now)


class ReturnMaterialView(TransitionView):
    form_class = forms.ReturnMaterialForm
    permissions = workflow.SUPPLY_PERMISSIONS
    title = gettext_lazy("Kembalikan bahan informasi")
    explanation = gettext_lazy("Bahan dan catatan unit dikirim ke PPID untuk disiapkan menjadi jawaban bagi pemohon.")
    success_message = gettext_lazy("Bahan informasi dikembalikan ke PPID.")
    multipart = True

    def load(self):
        user = self.request.user
        queryset = Forwarding.objects.select_related("request__requester", "unit")
        unit = user_unit_scope(user)
        if not user.is_superuser:
            queryset = queryset.filter(unit_id=unit.pk if unit else user.unit_id)
        self.forwarding = get_object_or_404(queryset, pk=self.kwargs["pk"])
        self.req = self.forwarding.request

    def facts(self):
        return [*super().facts(), (_("Catatan penerusan"), self.forwarding.note or "-")]

    def run(self, data, *, now):
        return workflow.forwarding_return(
            forwarding_id=self.forwarding.pk, note=data["note"], files=data["files"], actor=self.request.user, now=now
        )


class ReviewView(TransitionView):
    template_name = "requests/processing/review.html"
    form_class = forms.ReviewForm
    permissions = workflow.REVIEW_PERMISSIONS
    title = gettext_lazy("Uji konsekuensi dan uji kepentingan publik")
    explanation = gettext_lazy(
        "Catat apakah informasi terbuka atau dikecualikan (seluruhnya atau sebagian). Untuk informasi yang dikecualikan, "
        "sebutkan huruf pasal 17 UU KIP atau undang-undang lain, akibat yang timbul bila dibuka, dan uji kepentingan publik."
    )
    success_message = gettext_lazy("Hasil uji konsekuensi dicatat.")

    def get_initial(self):
        return {"dip_item": self.req.dip_item_id if self.req.dip_item and self.req.dip_item.category == "dikecualikan" else None}

    def run(self, data, *, now):
        return workflow.review_record(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class MeetingView(TransitionView):
    form_class = forms.MeetingForm
    permissions = workflow.MEETING_PERMISSIONS
    title = gettext_lazy("Rapat koordinasi")
    explanation = gettext_lazy(
        "Sebelum menolak, PPID dapat mengadakan rapat koordinasi dengan unit terkait (paling lambat 3 hari kerja sejak "
        "permohonan diterima). Hasilnya dituangkan dalam berita acara yang ditandatangani peserta dan dapat dilampirkan "
        "pada keputusan penolakan."
    )
    success_message = gettext_lazy("Rapat koordinasi dicatat.")
    multipart = True

    def run(self, data, *, now):
        return workflow.meeting_record(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class ExtendView(TransitionView):
    form_class = forms.ExtendForm
    permissions = workflow.DECIDE_PERMISSIONS
    title = gettext_lazy("Perpanjang jangka waktu")
    submit_label = gettext_lazy("Perpanjang dan terbitkan pemberitahuan")
    success_message = gettext_lazy("Jangka waktu diperpanjang; pemberitahuan perpanjangan dikirim kepada pemohon.")

    @property
    def explanation(self):
        if self.req.notice_due is None:
            return ""
        days = law.EXTENSION_WORKING_DAYS
        new_due = OfficeCalendar().add_working_days(self.req.notice_due, days)
        return _(
            "Perpanjangan hanya boleh satu kali, sebelum keputusan, paling lambat pada hari batas waktu (%(due)s). "
            "Batas waktu baru: %(new)s (%(days)s hari kerja). Pemberitahuan perpanjangan bernomor dikirim kepada pemohon."
        ) % {"due": self.req.notice_due.strftime("%d-%m-%Y"), "new": new_due.strftime("%d-%m-%Y"), "days": days}

    def run(self, data, *, now):
        return workflow.request_extend(request_id=self.req.pk, reason=data["reason"], actor=self.request.user, now=now)


class DecideView(TransitionView):
    template_name = "requests/processing/decide.html"
    form_class = forms.DecideForm
    permissions = workflow.DECIDE_PERMISSIONS
    title = gettext_lazy("Keputusan dan pemberitahuan tertulis")
    submit_label = gettext_lazy("Terbitkan pemberitahuan")
    explanation = gettext_lazy(
        "Keputusan diterbitkan sebagai pemberitahuan tertulis bernomor (PDF) dan dikirim kepada pemohon. Penolakan "
        "diterbitkan sebagai surat keputusan penolakan dengan hasil uji konsekuensi dan hak mengajukan keberatan. "
        "Keputusan hanya dapat diberikan satu kali; pemberitahuan setelah batas waktu tetap diterbitkan dan dicatat terlambat."
    )
    success_message = gettext_lazy("Pemberitahuan tertulis diterbitkan.")

    def get_form_kwargs(self):
        return {"request_obj": self.req}

    def get_initial(self):
        review = self.req.reviews.order_by("-reviewed_at", "-pk").first()
        return {
            "format": self.req.obtain_method,
            "delivery_method": self.req.delivery_method,
            "material": self.req.information_wanted,
            "withheld": review.exempt_part if review else "",
            "copy_fee": 0,
        }

    def context(self, form, refusal=None):
        return {**super().context(form, refusal), "review": self.req.reviews.order_by("-reviewed_at", "-pk").first()}

    def run(self, data, *, now):
        return workflow.request_decide(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class FulfilView(TransitionView):
    form_class = forms.DeliveryForm
    permissions = workflow.DELIVER_PERMISSIONS
    title = gettext_lazy("Penyerahan informasi")
    explanation = gettext_lazy(
        "Unggah informasi untuk diunduh atau dikirim, atau catat pengambilan langsung, pos, email atau faksimili. "
        "Pengambilan langsung menghasilkan berita acara serah terima (PDF) untuk ditandatangani; pengiriman mencatat buktinya."
    )
    success_message = gettext_lazy("Penyerahan informasi dicatat.")
    multipart = True

    def get_initial(self):
        return {"method": self.req.delivery_method, "recipient_name": self.req.requester.full_name}

    def run(self, data, *, now):
        return workflow.request_fulfil(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class DeskGrantView(TransitionView):
    form_class = forms.DeskGrantForm
    permissions = workflow.DESK_PERMISSIONS
    title = gettext_lazy("Berikan langsung di meja layanan")
    submit_label = gettext_lazy("Putuskan dan serahkan")
    explanation = gettext_lazy(
        "Informasi yang tersedia setiap saat (DIP) diputuskan dan diserahkan sekaligus: pemberitahuan tertulis dan "
        "penyerahan (dengan berita acara) sama-sama dicatat."
    )
    success_message = gettext_lazy("Informasi diputuskan dan diserahkan.")
    multipart = True

    def get_initial(self):
        return {"material": self.req.dip_item.title if self.req.dip_item else "", "recipient_name": self.req.requester.full_name}

    def run(self, data, *, now):
        return workflow.request_grant_at_desk(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class CloseView(TransitionView):
    permissions = workflow.DESK_PERMISSIONS
    title = gettext_lazy("Tutup permohonan")
    explanation = gettext_lazy("Permohonan yang sudah diserahkan, ditolak atau tidak dikuasai ditutup. Setelah ditutup tidak ada tindakan lagi.")
    submit_label = gettext_lazy("Tutup")
    success_message = gettext_lazy("Permohonan ditutup.")

    def run(self, data, *, now):
        return workflow.request_close(request_id=self.req.pk, actor=self.request.user, now=now, note=data["note"])


class StaffWithdrawView(TransitionView):
    form_class = forms.WithdrawForm
    permissions = workflow.DESK_PERMISSIONS
    title = gettext_lazy("Catat pencabutan permohonan")
    explanation = gettext_lazy("Pemohon dapat mencabut permohonannya kapan saja sebelum permohonan ditutup.")
    submit_label = gettext_lazy("Catat pencabutan")
    success_message = gettext_lazy("Permohonan dicabut.")

    def run(self, data, *, now):
        return workflow.request_withdraw(request_id=self.req.pk, reason=data["reason"], actor=self.request.user, now=now)


class NoticeReceivedView(TransitionView):
    form_class = forms.NoticeReceivedForm
    permissions = workflow.DESK_PERMISSIONS
    title = gettext_lazy("Catat tanggal pemberitahuan diterima pemohon")
    explanation = gettext_lazy(
        "Untuk pemberitahuan yang dikirim lewat pos atau diserahkan langsung, jangka waktu keberatan (30 hari kerja) "
        "dihitung sejak tanggal pemberitahuan diterima pemohon."
    )
    success_message = gettext_lazy("Tanggal diterima pemohon dicatat.")

    def load(self):
        self.notice = get_object_or_404(
            Notice.objects.select_related("request").filter(request__in=requests_visible_to_staff(user=self.request.user)),
            pk=self.kwargs["pk"],
        )
        self.req = self.notice.request

    def facts(self):
        return [*super().facts(), (_("Pemberitahuan"), f"{self.notice.get_kind_display()} {self.notice.number}")]

    def run(self, data, *, now):
        return workflow.notice_receipt_record(notice_id=self.notice.pk, received_on=data["received_on"], actor=self.request.user, now=now)


# -- the requester's side ---------------------------------------------------------------------


def _own_request(user, pk) -> InformationRequest:
    return get_object_or_404(
        InformationRequest.objects.select_related("requester", "unit"), pk=pk, requester__user=user
    )


class MyRequestProcessingView(RequesterRequiredMixin, TemplateView):
    """The requester's view of the ledger, the notices and the information given."""

    template_name = "requests/processing/my_request.html"

    def get_context_data(self, **kwargs):
        req = _own_request(self.request.user, self.kwargs["pk"])
        return {
            **super().get_context_data(**kwargs),
            "req": req,
            "ledger": request_ledger(request=req, now=timezone.now()),
            "records": request_processing_records(request=req, for_requester=True),
            "for_requester": True,
            "can_withdraw": req.status not in (Status.CLOSED, Status.WITHDRAWN),
        }


class MyRequestWithdrawView(RequesterRequiredMixin, View):
    template_name = "requests/processing/confirm.html"

    def context(self, req, form, refusal=None):
        return {
            "req": req,
            "form": form,
            "title": _("Cabut permohonan"),
            "explanation": _("Anda dapat mencabut permohonan kapan saja sebelum permohonan ditutup. Pencabutan tidak dapat dibatalkan."),
            "facts": [(_("Nomor register"), str(req)), (_("Status"), req.get_status_display())],
            "submit_label": _("Cabut permohonan"),
            "refusal": refusal,
            "cancel_url": reverse("requests:my-request-processing", args=[req.pk]),
        }

    def get(self, request, pk):
        req = _own_request(request.user, pk)
        return render(request, self.template_name, self.context(req, forms.WithdrawForm()))

    def post(self, request, pk):
        req = _own_request(request.user, pk)
        form = forms.WithdrawForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(req, form), status=400)
        try:
            workflow.request_withdraw(request_id=req.pk, reason=form.cleaned_data["reason"], actor=request.user, now=timezone.now())
        except TransitionRefused as refusal:
            return render(request, self.template_name, self.context(req, form, refusal=refusal.message), status=409)
        messages.success(request, _("Permohonan Anda dicabut."))
        return redirect("requests:my-request-processing", pk=req.pk)


# -- downloads: every file checks permission; nothing is under a public URL -------------------


def _may_see(user, req: InformationRequest, *, staff_only: bool) -> bool:
    if not user.is_authenticated:
        return False
    if user_is_processing_staff(user) and requests_visible_to_staff(user=user).filter(pk=req.pk).exists():
        return True
    return not staff_only and getattr(getattr(user, "requester", None), "pk", None) == req.requester_id


def _serve(file_field, filename, *, inline: bool):
    if not file_field:
        raise Http404
    response = FileResponse(file_field.open("rb"), as_attachment=not inline, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ProtectedFileView(LoginRequiredMixin, View):
    def deny_or_404(self, user, req, *, staff_only):
        if not _may_see(user, req, staff_only=staff_only):
            raise Http404


class NoticePdfView(ProtectedFileView):
    def get(self, request, pk):
        notice = get_object_or_404(Notice.objects.select_related("request"), pk=pk)
        self.deny_or_404(request.user, notice.request, staff_only=False)
        return _serve(notice.pdf, f"{notice.number.replace('/', '-')}.pdf", inline="unduh" not in request.GET)


class MaterialDownloadView(ProtectedFileView):
    def get(self, request, pk):
        material = get_object_or_404(Material.objects.select_related("request"), pk=pk)
        self.deny_or_404(request.user, material.request, staff_only=material.kind not in REQUESTER_MATERIAL_KINDS)
        return _serve(material.file, material.original_name, inline=False)


class HandoverPdfView(ProtectedFileView):
    def get(self, request, pk):
        delivery = get_object_or_404(Delivery.objects.select_related("request"), pk=pk)
        self.deny_or_404(request.user, delivery.request, staff_only=False)
        return _serve(delivery.handover_pdf, f"berita-acara-{delivery.request_id}-{delivery.pk}.pdf", inline=True)
