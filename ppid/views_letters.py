"""The public verification page a letter's QR code opens (no login; no personal data on it), and the
SK penetapan of exempt information (issued by those who edit the DIP)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .exempt_list import exempt_items, exempt_list_issue
from .forms import LetterVerifyForm
from .letters import SHA256_PATTERN, document_verify
from .models import IssuedDocument
from .storage import private_file_response


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


class ExemptListView(PermissionRequiredMixin, View):
    """GET: what the SK penetapan of exempt information will list, and the ones issued; POST: issue a new one."""

    permission_required = ("ppid.change_informationitem",)

    def get(self, request):
        context = {
            "items": exempt_items(),
            "issued": IssuedDocument.objects.filter(kind="exempt_list").order_by("-created_at", "-id")[:20],
        }
        return render(request, "ppid/exempt_list.html", context)

    def post(self, request):
        document = exempt_list_issue(actor=request.user, now=timezone.now())
        messages.success(request, _("Keputusan penetapan daftar informasi yang dikecualikan diterbitkan: %(number)s.") % {"number": document.number})
        return redirect("exempt-list-pdf", pk=document.pk)


class ExemptListPdfView(PermissionRequiredMixin, View):
    permission_required = ("ppid.change_informationitem",)

    def get(self, request, pk: int):
        document = get_object_or_404(IssuedDocument, pk=pk, kind="exempt_list")
        if not document.pdf:
            raise Http404
        return private_file_response(document.pdf, filename=f"{document.number.replace('/', '-')}.pdf", inline=True)
