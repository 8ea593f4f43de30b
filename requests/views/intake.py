"""Online requests, the requester's dashboard, and desk intake. Views are thin: the rules are in
requests.services.intake (writes) and requests.selectors (reads)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import RequesterRequiredMixin, StaffPermissionRequiredMixin
from registry.models import Requester
from registry.selectors import requesters_search

from .. import selectors
from ..forms import CompleteRequestForm, DeskRequestForm, OnlineRequestForm
from ..selectors_guidance import request_timeline, requester_next_step
from ..services.access import requests_visible_to_staff
from ..services.intake import (
    PENDING_CLAIM_REFUSAL,
    IntakeRefused,
    SameRequestSubmitted,
    request_complete,
    request_record_at_desk,
    request_submit_online,
)
from .documents import receipt_response, request_form_response


def _request_content(data) -> dict:
    """What the online and the desk form both say about the request, as the intake services take it."""
    return {
        "information_wanted": data["information_wanted"],
        "purpose": data["purpose"],
        "obtain_method": data["obtain_method"],
        "delivery_method": data["delivery_method"],
        "dip_item": data.get("dip_item"),
        "unit": data.get("unit"),
        "information_user_name": data["information_user_name"],
        "information_user_nik": data["information_user_nik"],
        "idempotency_key": data["form_token"],
    }


def _refused(form, error: IntakeRefused):
    form.add_error(None, error.message)


# -- the requester --------------------------------------------------------------------------
class OnlineRequestView(RequesterRequiredMixin, View):
    template_name = "requests/online_form.html"

    def render(self, form, **extra):
        requester = self.request.user.requester
        context = {"form": form, "requester": requester, **extra}
        if not requester.is_verified:
            context["next_step"] = requester_next_step(requester=requester)
        return render(self.request, self.template_name, context)

    def get(self, request):
        # "Ajukan permohonan untuk informasi ini" on a DIP page: ?dip=<item> fills the form.
        return self.render(OnlineRequestForm(initial=OnlineRequestForm.initial_for_dip(request.GET.get("dip"))))

    def post(self, request):
        form = OnlineRequestForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        data = form.cleaned_data
        try:
            created = request_submit_online(
                requester=request.user.requester,
                user=request.user,
                confirm_resubmission=request.POST.get("confirm_resubmission") == "1",
                **_request_content(data),
            )
        except SameRequestSubmitted as same:
            return self.render(form, same_request=same.existing)
        except IntakeRefused as error:
            _refused(form, error)
            return self.render(form)
        messages.success(
            request,
            _("Permohonan Anda diterima dengan nomor register %(number)s.") % {"number": created.register_number},
        )
        return redirect("requests:mine-detail", pk=created.pk)


class MyRequestsView(RequesterRequiredMixin, TemplateView):
    """The requester's start page: the next step, and their requests."""

    template_name = "requests/my_requests.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        return super().get_context_data(
            requester=requester,
            requests=selectors.requests_of_requester(requester=requester),
            next_step=requester_next_step(requester=requester),
            **kwargs,
        )


class MyRequestDetailView(RequesterRequiredMixin, TemplateView):
    template_name = "requests/my_request_detail.html"

    def get_context_data(self, **kwargs):
        req = selectors.request_of_requester(requester=self.request.user.requester, pk=self.kwargs["pk"])
        return super().get_context_data(req=req, timeline=request_timeline(request=req, now=timezone.now()), **kwargs)


class MyReceiptView(RequesterRequiredMixin, View):
    def get(self, request, pk):
        req = selectors.request_of_requester(requester=request.user.requester, pk=pk)
        if not req.register_number:
            raise Http404
        return receipt_response(request, req)


# -- the desk -------------------------------------------------------------------------------
def registry_link(name: str, **query) -> str | None:
    """A link into the registry's desk pages, when they are installed."""
    from urllib.parse import urlencode

    try:
        return f"{reverse(name)}?{urlencode(query)}"
    except NoReverseMatch:
        return None


class DeskIntakeView(StaffPermissionRequiredMixin, View):
    """Find (or create) the requester, then log the request with its true received moment."""

    permission_required = "requests.intake_request"
    template_name = "requests/desk_form.html"

    def requester(self):
        """The chosen requester record; a pending online claim is refused (it is no record of its own yet)."""
        self.refused_claim = False
        pk = self.request.GET.get("requester") or self.request.POST.get("requester")
        if not pk or not str(pk).isdigit():
            return None
        requester = Requester.objects.filter(pk=pk).first()
        if requester is not None and requester.claimed_requester_id:
            self.refused_claim = True
            messages.error(self.request, PENDING_CLAIM_REFUSAL)
            return None
        return requester

    def render(self, requester, form=None):
        query = self.request.GET.get("q", "").strip()
        here = reverse("requests:desk-create")
        context = {
            "requester": requester,
            "form": form,
            "query": query,
            "results": requesters_search(query=query, user=self.request.user) if query and requester is None else [],
        }
        if self.request.user.has_perm("registry.add_requester"):
            # Only an officer who may record requesters is sent to the requester registry's desk.
            context["registry_search_url"] = registry_link("registry:desk-search", next=here)
            context["registry_create_url"] = registry_link("registry:desk-create", next=here, **({"q": query} if query else {}))
        if requester is not None:
            # Only the requests this officer may open (a PPID Pembantu desk: its unit's).
            context["recent_requests"] = selectors.requests_of_requester(requester=requester).filter(
                pk__in=requests_visible_to_staff(user=self.request.user).values("pk")
            )[:5]
        return render(self.request, self.template_name, context)

    def get(self, request):
        requester = self.requester()
        form = DeskRequestForm(officer=request.user) if requester else None
        return self.render(requester, form)

    def post(self, request):
        requester = self.requester()
        if requester is None:
            if not self.refused_claim:
                messages.error(request, _("Pilih pemohon terlebih dahulu."))
            return redirect("requests:desk-create")
        form = DeskRequestForm(request.POST, officer=request.user)
        if not form.is_valid():
            return self.render(requester, form)
        data = form.cleaned_data
        try:
            created = request_record_at_desk(
                officer=request.user,
                requester=requester,
                channel=data["channel"],
                received_at=form.received_at(),
                is_complete=data["is_complete"],
                identity_seen=data["identity_seen"],
                backdate_reason=data["backdate_reason"],
                **_request_content(data),
            )
        except IntakeRefused as error:
            _refused(form, error)
            return self.render(requester, form)
        if created.register_number:
            messages.success(request, _("Permohonan dicatat dengan nomor register %(number)s.") % {"number": created.register_number})
        else:
            messages.warning(
                request,
                _("Permohonan dicatat sebagai belum lengkap (kode pelacakan %(code)s); waktu belum dihitung.")
                % {"code": created.tracking_code},
            )
        if not requests_visible_to_staff(user=request.user).filter(pk=created.pk).exists():
            # A PPID Pembantu desk that logged a request for another unit may not open it afterwards.
            messages.info(request, _("Permohonan ini tercatat pada unit %(unit)s.") % {"unit": created.unit.name})
            return redirect("requests:desk-create")
        return redirect("requests:desk-detail", pk=created.pk)


class DeskRequestDetailView(StaffPermissionRequiredMixin, TemplateView):
    permission_required = "requests.intake_request"
    template_name = "requests/desk_detail.html"

    def get_context_data(self, **kwargs):
        req = selectors.request_for_desk(user=self.request.user, pk=self.kwargs["pk"])
        return super().get_context_data(req=req, **kwargs)  # duplicates: {% request_duplicates %}


class DeskCompleteView(StaffPermissionRequiredMixin, View):
    """GET shows what completing does (a number, the clock starting now); POST completes."""

    permission_required = "requests.intake_request"
    template_name = "requests/desk_complete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.req = selectors.request_for_desk(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        if self.req.status != self.req.Status.INCOMPLETE:
            return redirect("requests:desk-detail", pk=pk)
        return render(request, self.template_name, {"req": self.req, "form": CompleteRequestForm.for_request(self.req)})

    def post(self, request, pk):
        form = CompleteRequestForm.for_request(self.req, request.POST)
        if form.is_valid():
            try:
                completed = request_complete(request_id=self.req.pk, officer=request.user, **form.cleaned_data)
            except IntakeRefused as error:
                _refused(form, error)
            else:
                messages.success(
                    request, _("Permohonan lengkap dan diregister dengan nomor %(number)s.") % {"number": completed.register_number}
                )
                return redirect("requests:desk-detail", pk=pk)
        return render(request, self.template_name, {"req": self.req, "form": form})


class DeskReceiptView(StaffPermissionRequiredMixin, View):
    permission_required = "requests.intake_request"

    def get(self, request, pk):
        req = selectors.request_for_desk(user=request.user, pk=pk)
        if not req.register_number:
            raise Http404
        return receipt_response(request, req)


class DeskRequestFormPdfView(StaffPermissionRequiredMixin, View):
    permission_required = "requests.intake_request"

    def get(self, request, pk):
        return request_form_response(request, selectors.request_for_desk(user=request.user, pk=pk))
