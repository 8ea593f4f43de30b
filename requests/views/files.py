"""Downloads of a request's files: each checks permission; nothing is under a public URL."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ppid.storage import private_file_response

from ..models import Delivery, InformationRequest, Material, Notice
from ..selectors_processing import REQUESTER_MATERIAL_KINDS
from ..services.access import actor_is_requester_of, requests_visible_to_staff


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
