"""The satisfaction survey: online by the requester once the request is closed, or at the desk (tablet or
a printed form typed in by the officer). One answer per request."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ppid.permissions import RequesterRequiredMixin, StaffPermissionRequiredMixin
from ppid.rules import ActionNotPermitted, TransitionRefused
from requests.models import InformationRequest
from requests.services.access import requests_visible_to_staff

from .forms import SurveyForm
from .models import Rating
from .services import survey_guard, survey_record


class _SurveyBase(View):
    template_name = "reports/survey.html"
    at_desk = False

    def target(self, request, pk) -> InformationRequest:
        raise NotImplementedError

    def done_url(self, survey_request) -> str:
        raise NotImplementedError

    def page(self, request, survey_request, form, *, status=200):
        verdict = survey_guard(request.user, survey_request, timezone.now(), at_desk=self.at_desk)
        if verdict.forbidden:
            raise PermissionDenied
        context = {"form": form, "survey_request": survey_request, "refusal": "" if verdict.allowed else verdict.reason,
                   "at_desk": self.at_desk}
        return render(request, self.template_name, context, status=status if verdict.allowed else 409)

    def get(self, request, pk):
        return self.page(request, self.target(request, pk), SurveyForm())

    def post(self, request, pk):
        survey_request = self.target(request, pk)
        form = SurveyForm(request.POST)
        if not form.is_valid():
            return self.page(request, survey_request, form, status=400)
        try:
            survey_record(request_id=survey_request.pk, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"],
                          actor=request.user, now=timezone.now(), at_desk=self.at_desk)
        except ActionNotPermitted:
            raise PermissionDenied from None
        except TransitionRefused:
            return self.page(request, survey_request, form)
        messages.success(request, _("Terima kasih, penilaian Anda sudah kami terima."))
        return redirect(self.done_url(survey_request))


class SurveyView(RequesterRequiredMixin, _SurveyBase):
    def target(self, request, pk):
        return get_object_or_404(InformationRequest.objects.select_related("requester"), pk=pk, requester__user=request.user)

    def done_url(self, survey_request):
        return "requests:mine"


class DeskSurveyView(StaffPermissionRequiredMixin, _SurveyBase):
    permission_required = "reports.record_survey"
    at_desk = True

    def target(self, request, pk):
        return get_object_or_404(requests_visible_to_staff(user=request.user).select_related("requester"), pk=pk)

    def done_url(self, survey_request):
        return "reports:daily"


class DeskSurveyPrintView(StaffPermissionRequiredMixin, View):
    """The printed survey form for a request (Indonesian always): the requester ticks it at the desk and
    the officer types the answer in on the desk survey page."""

    permission_required = "reports.record_survey"

    def get(self, request, pk):
        from ppid.pdf import pdf_response, render_pdf

        survey_request = get_object_or_404(requests_visible_to_staff(user=request.user), pk=pk)
        pdf = render_pdf("print/reports/survey_form.html", {"survey_request": survey_request, "ratings": Rating.choices})
        return pdf_response(pdf, f"survei-{survey_request.pk}.pdf")
