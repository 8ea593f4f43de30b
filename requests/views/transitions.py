"""One confirmation page per transition: GET shows what will happen (or why it cannot), POST runs the service.

Each page asks the transition's guard (requests.services.*): a refused transition is shown with the
guard's reason instead of the form, and a forged POST gets the same reason from the service (409);
a role that may not act at all gets 403 before the object is looked up.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ppid import deadlines
from ppid.rules import ActionNotPermitted, TransitionRefused
from ppid.workdays import OfficeCalendar

from .. import forms_processing as forms
from ..models import Forwarding, Notice
from ..selectors_processing import staff_request_detail
from ..services import access, decision, extension, forwarding, fulfilment, lifecycle, notices, review
from ..services.access import requests_visible_to_staff, user_is_processing_staff, user_unit_scope
from ..services.transitions import day_text


class TransitionView(LoginRequiredMixin, View):
    """The shared page; subclasses name the form, the guard, the service call and the words."""

    template_name = "requests/processing/confirm.html"
    form_class = forms.NoteForm
    permissions: tuple[str, ...] = ()
    guard = None
    title = ""
    explanation = ""
    submit_label = gettext_lazy("Lanjutkan")
    success_message = gettext_lazy("Tersimpan.")
    multipart = False

    def load(self):
        self.req = staff_request_detail(user=self.request.user, pk=self.kwargs["pk"])
        self.subject = self.req

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_is_processing_staff(request.user):
            raise PermissionDenied
        # The role first: a role without the right gets 403 whatever it may see (and learns nothing of the object).
        if self.permissions and not any(request.user.has_perm(p) for p in self.permissions):
            raise PermissionDenied
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def verdict(self, now):
        verdict = type(self).guard(self.request.user, self.subject, now)
        if verdict.forbidden:
            raise PermissionDenied
        return verdict

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
        return [
            (_("Nomor register"), str(req)),
            (_("Pemohon"), req.requester.display_name),
            (_("Status"), req.get_status_display()),
            (_("Batas pemberitahuan tertulis"), day_text(req.notice_due)),
        ]

    def cancel_url(self):
        return reverse("requests:processing-detail", args=[self.req.pk])

    def success_url(self, result):
        return self.cancel_url()

    def get(self, request, *args, **kwargs):
        verdict = self.verdict(timezone.now())
        form = self.form_class(initial=self.get_initial(), **self.get_form_kwargs())
        if not verdict.allowed:
            return render(request, self.template_name, self.context(None, refusal=verdict.reason), status=409)
        return render(request, self.template_name, self.context(form))

    def post(self, request, *args, **kwargs):
        now = timezone.now()
        verdict = self.verdict(now)
        form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs())
        if not verdict.allowed:
            return render(request, self.template_name, self.context(None, refusal=verdict.reason), status=409)
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
            return render(request, self.template_name, self.context(form, refusal=refusal.message), status=409)
        messages.success(request, self.success_message)
        return redirect(self.success_url(result))

    def run(self, data, *, now):
        raise NotImplementedError


class AssignView(TransitionView):
    form_class = forms.AssignForm
    permissions = access.ASSIGN_PERMISSIONS
    guard = forwarding.assign_guard
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
        return forwarding.request_assign(request_id=self.req.pk, assignee=data["assignee"], actor=self.request.user, now=now)


class ForwardView(TransitionView):
    form_class = forms.ForwardForm
    permissions = access.FORWARD_PERMISSIONS
    guard = forwarding.forward_guard
    title = gettext_lazy("Teruskan ke PPID Pembantu")
    explanation = gettext_lazy(
        "Permohonan dikirim ke unit yang menguasai informasi. Unit itu melihat permohonan ini dan mengembalikan bahan "
        "beserta catatan. Jangka waktu pemberitahuan tertulis tetap berjalan."
    )
    success_message = gettext_lazy("Permohonan diteruskan ke unit.")

    def run(self, data, *, now):
        return forwarding.request_forward(request_id=self.req.pk, unit=data["unit"], note=data["note"], actor=self.request.user, now=now)


class ReturnMaterialView(TransitionView):
    form_class = forms.ReturnMaterialForm
    permissions = access.SUPPLY_PERMISSIONS
    guard = forwarding.return_guard
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
        self.subject = get_object_or_404(queryset, pk=self.kwargs["pk"])
        self.req = self.subject.request

    def facts(self):
        return [*super().facts(), (_("Catatan penerusan"), self.subject.note or "-")]

    def run(self, data, *, now):
        return forwarding.forwarding_return(
            forwarding_id=self.subject.pk, note=data["note"], files=data["files"], actor=self.request.user, now=now
        )


class ReviewView(TransitionView):
    template_name = "requests/processing/review.html"
    form_class = forms.ReviewForm
    permissions = access.REVIEW_PERMISSIONS
    guard = review.review_guard
    title = gettext_lazy("Uji konsekuensi dan uji kepentingan publik")
    explanation = gettext_lazy(
        "Catat apakah informasi terbuka atau dikecualikan (seluruhnya atau sebagian). Untuk informasi yang dikecualikan, "
        "sebutkan huruf pasal 17 UU KIP atau undang-undang lain, akibat yang timbul bila dibuka, dan uji kepentingan publik."
    )
    success_message = gettext_lazy("Hasil uji konsekuensi dicatat.")

    def get_initial(self):
        return {"dip_item": self.req.dip_item_id if self.req.dip_item and self.req.dip_item.category == "dikecualikan" else None}

    def run(self, data, *, now):
        return review.review_record(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class MeetingView(TransitionView):
    form_class = forms.MeetingForm
    permissions = access.MEETING_PERMISSIONS
    guard = review.meeting_guard
    title = gettext_lazy("Rapat koordinasi")
    explanation = gettext_lazy(
        "Sebelum menolak, PPID dapat mengadakan rapat koordinasi dengan unit terkait (paling lambat 3 hari kerja sejak "
        "permohonan diterima). Hasilnya dituangkan dalam berita acara yang ditandatangani peserta dan dapat dilampirkan "
        "pada keputusan penolakan."
    )
    success_message = gettext_lazy("Rapat koordinasi dicatat.")
    multipart = True

    def run(self, data, *, now):
        return review.meeting_record(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class ExtendView(TransitionView):
    form_class = forms.ExtendForm
    permissions = access.DECIDE_PERMISSIONS
    guard = extension.extend_guard
    title = gettext_lazy("Perpanjang jangka waktu")
    submit_label = gettext_lazy("Perpanjang dan terbitkan pemberitahuan")
    success_message = gettext_lazy("Jangka waktu diperpanjang; pemberitahuan perpanjangan dikirim kepada pemohon.")

    @property
    def explanation(self):
        if self.req.notice_due is None or self.req.extended_at is not None:
            return ""
        new_due = deadlines.extended_notice_due(self.req.notice_due, OfficeCalendar())
        return _(
            "Perpanjangan hanya boleh satu kali, sebelum keputusan, paling lambat pada hari batas waktu (%(due)s). "
            "Batas waktu baru: %(new)s (%(days)s hari kerja). Pemberitahuan perpanjangan bernomor dikirim kepada pemohon."
        ) % {"due": day_text(self.req.notice_due), "new": day_text(new_due), "days": deadlines.law.EXTENSION_WORKING_DAYS}

    def run(self, data, *, now):
        return extension.request_extend(request_id=self.req.pk, reason=data["reason"], actor=self.request.user, now=now)


class DecideView(TransitionView):
    template_name = "requests/processing/decide.html"
    form_class = forms.DecideForm
    permissions = access.DECIDE_PERMISSIONS
    guard = decision.decide_guard
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
        latest = review.latest_review(self.req)
        return {
            "format": self.req.obtain_method,
            "delivery_method": self.req.delivery_method,
            "material": self.req.information_wanted,
            "withheld": latest.exempt_part if latest else "",
            "copy_fee": 0,
        }

    def context(self, form, refusal=None):
        return {**super().context(form, refusal), "review": review.latest_review(self.req)}

    def run(self, data, *, now):
        return decision.request_decide(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class FulfilView(TransitionView):
    form_class = forms.DeliveryForm
    permissions = access.DELIVER_PERMISSIONS
    guard = fulfilment.fulfil_guard
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
        return fulfilment.request_fulfil(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class DeskGrantView(TransitionView):
    form_class = forms.DeskGrantForm
    permissions = access.DESK_PERMISSIONS
    guard = fulfilment.desk_grant_guard
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
        return fulfilment.request_grant_at_desk(request_id=self.req.pk, actor=self.request.user, now=now, **data)


class CloseView(TransitionView):
    permissions = access.DESK_PERMISSIONS
    guard = lifecycle.close_guard
    title = gettext_lazy("Tutup permohonan")
    explanation = gettext_lazy("Permohonan yang sudah diserahkan, ditolak atau tidak dikuasai ditutup. Setelah ditutup tidak ada tindakan lagi.")
    submit_label = gettext_lazy("Tutup")
    success_message = gettext_lazy("Permohonan ditutup.")

    def run(self, data, *, now):
        return lifecycle.request_close(request_id=self.req.pk, actor=self.request.user, now=now, note=data["note"])


class StaffWithdrawView(TransitionView):
    form_class = forms.WithdrawForm
    permissions = access.DESK_PERMISSIONS
    guard = lifecycle.withdraw_guard
    title = gettext_lazy("Catat pencabutan permohonan")
    explanation = gettext_lazy("Pemohon dapat mencabut permohonannya sebelum informasi diserahkan dan sebelum permohonan ditutup.")
    submit_label = gettext_lazy("Catat pencabutan")
    success_message = gettext_lazy("Permohonan dicabut.")

    def run(self, data, *, now):
        return lifecycle.request_withdraw(request_id=self.req.pk, reason=data["reason"], actor=self.request.user, now=now)


class NoticeReceivedView(TransitionView):
    form_class = forms.NoticeReceivedForm
    permissions = access.DESK_PERMISSIONS
    guard = notices.notice_receipt_guard
    title = gettext_lazy("Catat tanggal pemberitahuan diterima pemohon")
    explanation = gettext_lazy(
        "Untuk pemberitahuan yang dikirim lewat pos atau diserahkan langsung, jangka waktu keberatan (30 hari kerja) "
        "dihitung sejak tanggal pemberitahuan diterima pemohon."
    )
    success_message = gettext_lazy("Tanggal diterima pemohon dicatat.")

    def load(self):
        self.subject = get_object_or_404(
            Notice.objects.select_related("request").filter(request__in=requests_visible_to_staff(user=self.request.user)),
            pk=self.kwargs["pk"],
        )
        self.req = self.subject.request

    def facts(self):
        return [*super().facts(), (_("Pemberitahuan"), f"{self.subject.get_kind_display()} {self.subject.number}")]

    def run(self, data, *, now):
        return notices.notice_receipt_record(notice_id=self.subject.pk, received_on=data["received_on"], actor=self.request.user, now=now)
