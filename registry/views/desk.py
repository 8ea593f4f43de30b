"""The desk: find or record a requester without an account, and verify an online requester in person."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from ppid.rules import TransitionRefused

from .. import selectors, services
from ..forms import DeskRequesterForm, DeskSearchForm
from ..models import Requester
from ..services.verification import verification_at_desk_guard
from .common import NoStoreMixin, form_errors_from, refusal_response, verdict_response


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
        now = timezone.now()
        results = [
            (
                requester,
                url_with_requester(next_url, requester.pk) if next_url else None,
                verification_at_desk_guard(self.request.user, requester, now).allowed,
            )
            for requester in selectors.requesters_search(query=query, user=self.request.user).select_related("claimed_requester")
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
            requester = services.requester_create_at_desk(officer=self.request.user, kind=self.get_kind(), now=timezone.now(), **fields)
        except ValidationError as error:
            form_errors_from(form, error)
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
        return get_object_or_404(
            selectors.requesters_visible_to(user=self.request.user).select_related("claimed_requester"), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        verdict = verification_at_desk_guard(request.user, self.get_requester(), timezone.now())
        return verdict_response(request, verdict, back_url=reverse("registry:desk-search")) or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(requester=self.get_requester(), next=self.next_url() or "", **kwargs)

    def post(self, request, *args, **kwargs):
        requester, now = self.get_requester(), timezone.now()
        refused = verdict_response(request, verification_at_desk_guard(request.user, requester, now), back_url=reverse("registry:desk-search"))
        if refused:
            return refused
        try:
            requester = services.requester_verify_at_desk(requester=requester, officer=request.user, now=now)
        except TransitionRefused as refusal:
            return refusal_response(request, refusal, back_url=reverse("registry:desk-search"))
        messages.success(request, _("Identitas %(name)s terverifikasi di meja layanan.") % {"name": requester})
        next_url = self.next_url()
        if next_url:
            return HttpResponseRedirect(url_with_requester(next_url, requester.pk))
        return HttpResponseRedirect(reverse("registry:desk-search") + "?" + urlencode({"q": requester.nik or ""}))
