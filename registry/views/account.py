"""Registration, email confirmation and its resend: the same answer whether or not an address or a NIK is known."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from ppid.throttle import throttle_allow

from .. import mail, selectors, services
from ..forms import EmailResendForm, RegistrationForm
from ..models import Requester
from .common import form_errors_from


def site_url(request) -> str:
    return request.build_absolute_uri("/")


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
        if kwargs["kind"] not in Requester.Kind.values:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.kwargs["kind"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_label=Requester.Kind(self.kwargs["kind"]).label, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not throttle_allow(request=self.request, scope="registration", subject=email):
            return redirect("registry:register-done")  # the same answer: nothing said about the address
        try:
            services.requester_register(site_url=site_url(self.request), **form.registration_data())
        except ValidationError as error:
            form_errors_from(form, error)
            return self.form_invalid(form)
        return redirect("registry:register-done")


class EmailResendView(AnonymousOnlyMixin, FormView):
    """A new confirmation link; the answer is the same whether or not the address is known."""

    template_name = "registry/email_resend.html"
    form_class = EmailResendForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if throttle_allow(request=self.request, scope="confirmation_resend", subject=email):
            user = selectors.user_awaiting_email_confirmation(email=email)
            if user is not None:
                mail.confirmation_send(
                    user=user, token=services.email_confirmation_token(user=user), site_url=site_url(self.request)
                )
        return redirect("registry:register-done")


class RegisterDoneView(TemplateView):
    template_name = "registry/register_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(hours=settings.PPID_REGISTRATION_EXPIRY_HOURS, **kwargs)


class EmailConfirmView(TemplateView):
    template_name = "registry/email_confirm.html"

    def get(self, request, *args, **kwargs):
        try:
            confirmation = services.email_confirm(token=kwargs["token"], site_url=site_url(request))
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(error=error.messages[0]), status=400)
        messages.success(request, _("Alamat email terkonfirmasi. Silakan masuk."))
        if confirmation.nik_released:
            messages.warning(
                request,
                _(
                    "NIK yang Anda isi sudah tercatat pada akun lain, sehingga tidak disimpan pada akun ini. "
                    "Bila NIK itu milik Anda, hubungi petugas PPID dengan membawa KTP asli."
                ),
            )
        return redirect("login")
