"""The public status page: register number and tracking code, no login, no personal data."""

from django.views.generic import TemplateView

from .. import selectors
from ..forms import PublicStatusForm


class PublicStatusView(TemplateView):
    template_name = "requests/public_status.html"

    def get_context_data(self, **kwargs):
        form = PublicStatusForm(self.request.GET if "kode" in self.request.GET else None)
        # An invalid form says what to fix; "not found" is only said of a search that was made.
        searched = form.is_bound and form.is_valid()
        context = super().get_context_data(form=form, searched=searched, **kwargs)
        if searched:
            found = selectors.request_public_status(
                register_number=form.cleaned_data["nomor"], tracking_code=form.cleaned_data["kode"]
            )
            context["found"] = found
            if found is not None:
                context["steps"] = selectors.public_events(found)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The page answers for a secret code: keep it out of shared caches and referrers.
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
