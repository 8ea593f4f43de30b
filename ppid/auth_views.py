"""Password reset with the project's input hygiene and a throttle per address and per client."""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from .hygiene import HygieneFormMixin
from .throttle import throttle_allow


class PasswordResetForm(HygieneFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(HygieneFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """Over the limit, nothing is sent and the answer is the same page: no account is revealed."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        if not throttle_allow(request=self.request, scope="password_reset", subject=form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
