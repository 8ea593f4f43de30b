"""Staff second factor (TOTP, django-otp): enrol an authenticator app, then give a code at each login.

Whether a role must use it is ``ppid.security.two_factor_required``; the middleware sends such a
staff member here until the session is verified. An administrator resets a lost device by
deleting it in the admin ("TOTP devices"); the member then enrols again.
"""

from __future__ import annotations

import base64

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .hygiene import HygieneFormMixin
from .security import is_staff_account


class TokenForm(HygieneFormMixin, forms.Form):
    otp_token = forms.RegexField(
        label=gettext_lazy("Kode 6 angka dari aplikasi autentikator"),
        regex=r"^[0-9]{6,8}$",
        max_length=8,
        error_messages={"invalid": gettext_lazy("Kode terdiri atas 6 angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class StaffOnlyMixin(LoginRequiredMixin):
    """The second factor is for staff accounts; a requester's account has none (403)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_staff_account(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TwoFactorView(StaffOnlyMixin, View):
    template_name = "registration/two_factor.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_staff_account(request.user) and _confirmed_device(request.user) is None:
            return redirect("two-factor-setup")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": TokenForm(), "next": _next_url(request)})

    def post(self, request):
        form = TokenForm(request.POST)
        device = _confirmed_device(request.user)
        if form.is_valid() and device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        if form.is_valid():
            form.add_error("otp_token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil."))
        return render(request, self.template_name, {"form": form, "next": _next_url(request)}, status=200)


class TwoFactorSetupView(StaffOnlyMixin, View):
    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_staff_account(request.user) and _confirmed_device(request.user) is not None:
            return redirect("two-factor")
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).order_by("pk").first()
        return device or TOTPDevice.objects.create(user=self.request.user, name=_("Aplikasi autentikator"), confirmed=False)

    def render(self, form, device):
        from .qr import qr_png_data_uri

        context = {
            "form": form,
            "qr_code": qr_png_data_uri(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
            "next": _next_url(self.request),
        }
        return render(self.request, self.template_name, context)

    def get(self, request):
        return self.render(TokenForm(), self.device())

    def post(self, request):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
        if device is None:  # a device is made when the page is shown, never by a POST
            return redirect("two-factor-setup")
        form = TokenForm(request.POST)
        if form.is_valid() and device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Verifikasi dua langkah aktif untuk akun Anda."))
            return redirect(_next_url(request))
        if form.is_valid():
            form.add_error("otp_token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil."))
        return self.render(form, device)
