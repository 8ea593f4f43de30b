"""Downloads of a request's files: each checks permission; nothing is under a public URL."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View

from ppid.letters import document_render, letter_for_ppid
from ppid.office import office_identity
from ppid.pdf import DOCUMENT_LANGUAGE, pdf_response
from ppid.storage import private_file_response
from ppid.workdays import OfficeCalendar

from ..models import Delivery, InformationRequest, Material, Notice
from ..selectors_processing import REQUESTER_MATERIAL_KINDS
from ..services.access import actor_is_requester_of, requests_visible_to_staff
from ..services.review import latest_review


def _may_see(user, req: InformationRequest, *, staff_only: bool) -> bool:
    if not user.is_authenticated:
        return False
    if requests_visible_to_staff(user=user).filter(pk=req.pk).exists():
        return True
    return not staff_only and actor_is_requester_of(user, req)


def _serve(file_field, filename, *, inline: bool):
    # Streamed from the store, or a short-lived signed URL where the settings ask for one.
    return private_file_response(file_field, filename=filename, inline=inline)


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


class HarmTestSheetView(ProtectedFileView):
    """The printed uji konsekuensi sheet of a request's latest review (staff in scope only)."""

    def get(self, request, pk):
        req = get_object_or_404(InformationRequest.objects.select_related("requester"), pk=pk)
        self.deny_or_404(request.user, req, staff_only=True)
        review = latest_review(req)
        if review is None:
            raise Http404
        calendar = OfficeCalendar()
        reviewed_on = calendar.local_date(review.reviewed_at)
        office = office_identity(on=reviewed_on)
        with translation.override(DOCUMENT_LANGUAGE):
            letter = letter_for_ppid(office=office, title=str(_("Lembar uji konsekuensi")), number="", signed_on=reviewed_on)
        reviewer = review.reviewer
        context = {"request": req, "requester": req.requester, "review": review, "reviewer_name": reviewer.get_full_name() or reviewer.username}
        pdf = document_render(letter=letter, template_name="print/requests/harm_test.html", context=context, office=office)
        label = (req.register_number or req.tracking_code).replace("/", "-")
        return pdf_response(pdf, f"uji-konsekuensi-{label}.pdf", inline="unduh" not in request.GET)
