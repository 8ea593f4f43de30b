"""The public verification page a letter's QR code opens (no login; no personal data on it)."""

from django.http import Http404
from django.shortcuts import render
from django.views import View

from .forms import LetterVerifyForm
from .letters import SHA256_PATTERN, document_verify


class LetterVerifyView(View):
    def get(self, request, token: str):
        form = LetterVerifyForm(request.GET or None)
        given = form.cleaned_data.get("sha256", "") if form.is_bound and form.is_valid() else ""
        verification = document_verify(token=token, sha256=given)
        if verification is None:
            raise Http404
        context = {
            "form": form,
            "verification": verification,
            "document": verification.document,
            "well_formed": bool(SHA256_PATTERN.match(verification.checked_hash)),
        }
        response = render(request, "ppid/letter_verify.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response
