"""The requester's own profile, documents, verification request, personal data and access log."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from ppid.pdf import pdf_response, render_pdf
from ppid.permissions import RequesterRequiredMixin
from ppid.roles import REQUESTER, user_roles
from ppid.rules import TransitionRefused
from ppid.storage import private_file_response

from .. import selectors, services
from ..forms import DocumentUploadForm, ProfileForm
from ..models import IdentityDocument
from .common import NO_STORE, NoStoreMixin, form_errors_from, refusal_response


def _missing_labels(requester):
    return [IdentityDocument.Kind(kind).label for kind in selectors.requester_missing_documents(requester=requester)]


class ProfileView(NoStoreMixin, RequesterRequiredMixin, TemplateView):
    template_name = "registry/profile.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        return super().get_context_data(
            requester=requester,
            documents=requester.documents.all(),
            missing=_missing_labels(requester),
            decision=selectors.verification_latest_decision(requester=requester),
            editable=requester.verification_status in services.EDITABLE_STATES,
            actions=services.verification_actions(actor=self.request.user, requester=requester, now=timezone.now(), own=True),
            retention_days=settings.PPID_IDENTITY_RETENTION_DAYS,
            **kwargs,
        )


class ProfileEditView(NoStoreMixin, RequesterRequiredMixin, FormView):
    template_name = "registry/profile_edit.html"
    form_class = ProfileForm

    def get_form_kwargs(self):
        requester = self.request.user.requester
        return {
            **super().get_form_kwargs(),
            "instance": requester,
            "identity_editable": requester.verification_status in services.EDITABLE_STATES,
        }

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.requester_profile_update(requester=self.request.user.requester, actor=self.request.user, **fields)
        except ValidationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil disimpan."))
        return redirect("registry:profile")


class DocumentUploadView(NoStoreMixin, RequesterRequiredMixin, FormView):
    template_name = "registry/document_upload.html"
    form_class = DocumentUploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "requester": self.request.user.requester, "max_bytes": settings.PPID_UPLOAD_MAX_BYTES}

    def form_valid(self, form):
        try:
            services.identity_document_add(
                requester=self.request.user.requester,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                uploaded_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dokumen diunggah."))
        return redirect("registry:profile")


class DocumentDeleteView(NoStoreMixin, RequesterRequiredMixin, TemplateView):
    template_name = "registry/document_delete.html"

    def get_document(self):
        return get_object_or_404(IdentityDocument, pk=self.kwargs["pk"], requester=self.request.user.requester)

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.get_document(), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.identity_document_delete(document=self.get_document(), actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Dokumen dihapus."))
        return redirect("registry:profile")


class DocumentFileView(LoginRequiredMixin, View):
    """Serves an identity file to its owner or to staff allowed to see it; every attempt is logged."""

    def get(self, request, pk):
        document = IdentityDocument.objects.select_related("requester").filter(pk=pk).first()
        if document is None or not selectors.identity_document_visible_to(document=document, user=request.user):
            services.identity_document_refused_log(
                document_id=pk, requester_id=document.requester_id if document else None, user=request.user
            )
            if document is None or REQUESTER in user_roles(request.user) or hasattr(request.user, "requester"):
                raise Http404  # another requester's file: its existence is not revealed
            raise PermissionDenied
        handle = services.identity_document_open(document=document, user=request.user)
        extension = document.file.name.rsplit(".", 1)[-1]
        return private_file_response(
            document.file,
            filename=f"{document.kind}-{document.pk}.{extension}",
            inline=True,
            content_type=document.content_type,
            handle=handle,
        )


class VerificationSubmitView(NoStoreMixin, RequesterRequiredMixin, TemplateView):
    """GET shows what will happen; POST asks for verification (the guard decides both)."""

    template_name = "registry/verification_submit.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        return super().get_context_data(requester=requester, missing=_missing_labels(requester), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.requester_verification_submit(requester=request.user.requester, actor=request.user, now=timezone.now())
        except TransitionRefused as refusal:
            return refusal_response(request, refusal, back_url=reverse("registry:profile"))
        messages.success(request, _("Identitas diajukan untuk verifikasi."))
        return redirect("registry:profile")


class AccessLogView(NoStoreMixin, RequesterRequiredMixin, TemplateView):
    """Who opened, exported or deleted the requester's data, and when (UU 27/2022)."""

    template_name = "registry/access_log.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        return super().get_context_data(requester=requester, entries=selectors.requester_access_log(requester=requester), **kwargs)


class PersonalDataJsonView(RequesterRequiredMixin, View):
    def get(self, request):
        requester = request.user.requester
        data = selectors.requester_personal_data(requester=requester)
        services.personal_data_export_log(requester=requester, user=request.user, export_format="JSON")
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="data-pribadi.json"'
        response["Cache-Control"] = NO_STORE
        return response


class PersonalDataPdfView(RequesterRequiredMixin, View):
    def get(self, request):
        requester = request.user.requester
        data = selectors.requester_personal_data(requester=requester)
        pdf = render_pdf(
            "registry/print/personal_data.html",
            {"data": data, "requester": requester, "generated_at": timezone.now()},
            request=request,
        )
        services.personal_data_export_log(requester=requester, user=request.user, export_format="PDF")
        return pdf_response(pdf, "data-pribadi.pdf", inline=False)
