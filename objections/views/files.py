"""The objection's documents and files, each for the requester who owns it or staff who may see it
(anyone else: 404): the formulir keberatan, the receipt, the answer, the power of attorney and the
Tim Pertimbangan's document (the last two for staff only)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from ppid.pdf import pdf_response
from ppid.storage import private_file_response

from ..models import AdvisoryOpinion, Answer
from ..services.documents import form_render, receipt_render, safe_number
from .common import any_objection, staff_objection


class ObjectionFormPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        objection = any_objection(request.user, pk)
        return pdf_response(form_render(objection=objection), f"formulir-keberatan-{safe_number(objection.register_number)}.pdf")


class ObjectionReceiptPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        objection = any_objection(request.user, pk)
        return pdf_response(receipt_render(objection=objection), f"tanda-terima-keberatan-{safe_number(objection.register_number)}.pdf")


class AnswerPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        objection = any_objection(request.user, pk)
        answer = Answer.objects.filter(objection=objection).first()
        if answer is None or not answer.pdf:
            raise Http404
        return private_file_response(answer.pdf, filename=f"{safe_number(answer.number)}.pdf", inline=True)


class PowerOfAttorneyView(LoginRequiredMixin, View):
    def get(self, request, pk):
        objection = staff_objection(request.user, pk)
        if not objection.power_of_attorney:
            raise Http404
        name = objection.power_of_attorney.name.rsplit("/", 1)[-1]
        return private_file_response(objection.power_of_attorney, filename=name, inline=False)


class OpinionDocumentView(LoginRequiredMixin, View):
    def get(self, request, pk):
        opinion = get_object_or_404(AdvisoryOpinion, pk=pk)
        staff_objection(request.user, opinion.objection_id)
        if not opinion.document:
            raise Http404
        return private_file_response(opinion.document, filename=opinion.document.name.rsplit("/", 1)[-1], inline=False)
