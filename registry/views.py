"""Views of registry/: thin, the rules live in services (writes) and selectors (reads)."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit, urlunsplit, parse_qsl

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from ppid.pdf import pdf_response, render_pdf
from ppid.permissions import RequesterRequiredMixin
from ppid.storage import private_file_response
from ppid.roles import REQUESTER, user_roles

from . import selectors, services
from .forms import (
    DeskRequesterForm,
    DeskSearchForm,
    DocumentUploadForm,
    EmailResendForm,
    ProfileForm,
    RegistrationForm,
    RejectionForm,
)
from .models import IdentityDocument, Requester

NO_STORE = "private, no-store"


class NoStoreMixin:
    """Pages showing identity data must not stay in shared or browser caches."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response


def _kind_or_404(kind: str) -> str:
    if kind not in Requester.Kind.values:
        raise Http404
    return kind


def _form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Registration and email confirmation


class AnonymousOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("registry:profile" if hasattr(request.user, "requester") else "home")
        return super().dispatch(request, *args, **kwargs)


class RegisterChoiceView(AnonymousOnlyMixin, TemplateView):
    template_name = "registry/register_choice.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=Requester.Kind.choices, **kwargs)


class RegisterView(AnonymousOnlyMixin, FormView):
    template_name = "registry/register_form.html"
    form_class = RegistrationForm

    def dispatch(self, request, *args, **kwargs):
        _kind_or_404(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.kwargs["kind"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_label=Requester.Kind(self.kwargs["kind"]).label, **kwargs)

    def form_valid(self, form):
        try:
            requester = services.requester_register(**form.registration_data())
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        confirmation_email_send(self.request, requester.user)
        return redirect("registry:register-done")


def confirmation_email_send(request, user) -> None:
    link = request.build_absolute_uri(
        reverse("registry:email-confirm", kwargs={"token": services.email_confirmation_token(user=user)})
    )
    context = {"user": user, "link": link, "office_name": settings.PPID_OFFICE_NAME}
    send_mail(
        subject=_("Konfirmasi alamat email Anda"),
        message=render_to_string("registry/email/confirmation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


class EmailResendView(AnonymousOnlyMixin, FormView):
    """A new confirmation link; the answer is the same whether or not the address is known."""

    template_name = "registry/email_resend.html"
    form_class = EmailResendForm

    def form_valid(self, form):
        user = selectors.user_awaiting_email_confirmation(email=form.cleaned_data["email"])
        if user is not None:
            confirmation_email_send(self.request, user)
        return redirect("registry:register-done")


class RegisterDoneView(TemplateView):
    template_name = "registry/register_done.html"


class EmailConfirmView(TemplateView):
    template_name = "registry/email_confirm.html"

    def get(self, request, *args, **kwargs):
        try:
            services.email_confirm(token=kwargs["token"])
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(error=error.messages[0]), status=400)
        messages.success(request, _("Alamat email terkonfirmasi. Silakan masuk."))
        return redirect("login")


# The requester's own profile, documents, verification and personal data


class ProfileView(NoStoreMixin, RequesterRequiredMixin, TemplateView):
    template_name = "registry/profile.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        return super().get_context_data(
            requester=requester,
            documents=requester.documents.all(),
            missing=[IdentityDocument.Kind(kind).label for kind in selectors.requester_missing_documents(requester=requester)],
            decision=selectors.verification_latest_decision(requester=requester),
            editable=requester.verification_status in services.EDITABLE_STATES,
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
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil disimpan."))
        return redirect("registry:profile")


class DocumentUploadView(NoStoreMixin, RequesterRequiredMixin, FormView):
    template_name = "registry/document_upload.html"
    form_class = DocumentUploadForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "requester": self.request.user.requester,
            "max_bytes": settings.PPID_UPLOAD_MAX_BYTES,
        }

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
    """Serves an identity file to its owner or to staff allowed to see it, logging each access."""

    def get(self, request, pk):
        document = get_object_or_404(IdentityDocument.objects.select_related("requester"), pk=pk)
        if not selectors.identity_document_visible_to(document=document, user=request.user):
            if REQUESTER in user_roles(request.user) or hasattr(request.user, "requester"):
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
    """GET shows what will happen; POST asks for verification."""

    template_name = "registry/verification_submit.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        return super().get_context_data(
            requester=requester,
            missing=[IdentityDocument.Kind(kind).label for kind in selectors.requester_missing_documents(requester=requester)],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.requester_verification_submit(requester=request.user.requester, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Identitas diajukan untuk verifikasi."))
        return redirect("registry:profile")


class PersonalDataJsonView(RequesterRequiredMixin, View):
    def get(self, request):
        requester = request.user.requester
        data = selectors.requester_personal_data(requester=requester)
        services.personal_data_export_log(requester=requester, user=request.user, export_format="JSON")
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
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


# The verifier's queue


class VerifierMixin(NoStoreMixin, PermissionRequiredMixin):
    permission_required = "registry.verify_requester"


class VerificationQueueView(VerifierMixin, TemplateView):
    template_name = "registry/verification_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pending=selectors.requesters_pending_verification(), **kwargs)


class PendingRequesterMixin(VerifierMixin):
    def get_requester(self):
        return get_object_or_404(
            Requester.objects.select_related("user", "claimed_requester"),
            pk=self.kwargs["pk"],
            verification_status=Requester.Verification.PENDING,
        )


class VerificationDetailView(PendingRequesterMixin, TemplateView):
    template_name = "registry/verification_detail.html"

    def get_context_data(self, **kwargs):
        requester = self.get_requester()
        return super().get_context_data(
            requester=requester,
            documents=requester.documents.all(),
            history=requester.verifications.select_related("decided_by"),
            **kwargs,
        )


class VerificationApproveView(PendingRequesterMixin, TemplateView):
    template_name = "registry/verification_approve.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(requester=self.get_requester(), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.requester_verification_approve(requester=self.get_requester(), verifier=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("registry:verification-detail", pk=self.kwargs["pk"])
        messages.success(request, _("Identitas pemohon disetujui."))
        return redirect("registry:verification-queue")


class VerificationRejectView(PendingRequesterMixin, FormView):
    template_name = "registry/verification_reject.html"
    form_class = RejectionForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(requester=self.get_requester(), **kwargs)

    def form_valid(self, form):
        try:
            services.requester_verification_reject(
                requester=self.get_requester(), verifier=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Pengajuan identitas ditolak; pemohon melihat alasannya."))
        return redirect("registry:verification-queue")


# The desk


def safe_next(request, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return value
    return None


def url_with_requester(next_url: str, requester_pk: int) -> str:
    parts = urlsplit(next_url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "requester"]
    query.append(("requester", str(requester_pk)))
    return urlunsplit(parts._replace(query=urlencode(query)))


class DeskMixin(NoStoreMixin, PermissionRequiredMixin):
    permission_required = "registry.add_requester"

    def next_url(self):
        return safe_next(self.request, self.request.GET.get("next") or self.request.POST.get("next"))


class DeskSearchView(DeskMixin, TemplateView):
    template_name = "registry/desk_search.html"

    def get_context_data(self, **kwargs):
        form = DeskSearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        next_url = self.next_url()
        results = [
            (requester, url_with_requester(next_url, requester.pk) if next_url else None)
            for requester in selectors.requesters_search(query=query)
        ]
        return super().get_context_data(
            form=form, query=query, results=results, next=next_url or "", kinds=Requester.Kind.choices, **kwargs
        )


class DeskCreateView(DeskMixin, FormView):
    template_name = "registry/desk_create.html"
    form_class = DeskRequesterForm

    def get_kind(self):
        kind = self.request.GET.get("jenis") or self.request.POST.get("jenis") or Requester.Kind.PERSON
        return kind if kind in Requester.Kind.values else Requester.Kind.PERSON

    def get_initial(self):
        """What the officer just searched for: a NIK, a phone number, or the name."""
        query = (self.request.GET.get("q") or "").strip()
        if not query:
            return {}
        digits = query.replace(" ", "").replace("-", "").lstrip("+")
        if digits.isascii() and digits.isdigit():
            return {"nik": digits} if len(digits) == 16 else {"phone": query}
        return {"full_name": query}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.get_kind()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.get_kind(), kinds=Requester.Kind.choices, next=self.next_url() or "",
            query=(self.request.GET.get("q") or "").strip(), **kwargs
        )

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            requester = services.requester_create_at_desk(officer=self.request.user, kind=self.get_kind(), **fields)
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Pemohon %(name)s dicatat; identitas terverifikasi di meja layanan.") % {"name": requester})
        next_url = self.next_url()
        if next_url:
            return HttpResponseRedirect(url_with_requester(next_url, requester.pk))
        return HttpResponseRedirect(reverse("registry:desk-search") + "?" + urlencode({"q": requester.nik or requester.full_name}))


class DeskVerifyView(DeskMixin, TemplateView):
    """The officer has seen the original KTP or akta of an online requester at the desk."""

    template_name = "registry/desk_verify.html"
    permission_required = ("registry.add_requester", "registry.verify_requester")

    def get_requester(self):
        return get_object_or_404(Requester.objects.exclude(verification_status=Requester.Verification.VERIFIED), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(requester=self.get_requester(), next=self.next_url() or "", **kwargs)

    def post(self, request, *args, **kwargs):
        requester = services.requester_verify_at_desk(requester=self.get_requester(), officer=request.user)
        messages.success(request, _("Identitas %(name)s terverifikasi di meja layanan.") % {"name": requester})
        next_url = self.next_url()
        if next_url:
            return HttpResponseRedirect(url_with_requester(next_url, requester.pk))
        return HttpResponseRedirect(reverse("registry:desk-search") + "?" + urlencode({"q": requester.nik or ""}))
