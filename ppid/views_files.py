"""Background documents of the signed-in user: "Unduhan saya", a progress page, the download.

Every view reads through ppid.generated: a user sees only their own files (anyone else's
answers 404) and downloads only while they still hold the permission of the file's kind.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .generated import generated_file_kind, generated_file_of_owner, generated_file_request, generated_files_of
from .models import GeneratedFile

LIST_LIMIT = 100


class GeneratedFileListView(LoginRequiredMixin, TemplateView):
    template_name = "ppid/generated_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(files=generated_files_of(user=self.request.user)[:LIST_LIMIT], **kwargs)


class GeneratedFileDetailView(LoginRequiredMixin, TemplateView):
    """The progress page: a progress bar that a static script refreshes (no inline script), or a reload link."""

    template_name = "ppid/generated_detail.html"

    def get_context_data(self, **kwargs):
        job = generated_file_of_owner(user=self.request.user, pk=self.kwargs["pk"])
        return super().get_context_data(job=job, kind_label=generated_file_kind(job.kind).label, **kwargs)


def job_state(job: GeneratedFile) -> dict:
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "download_url": reverse("generated-file-download", args=[job.pk]) if job.status == GeneratedFile.Status.DONE else "",
    }


class GeneratedFileStatusView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return JsonResponse(job_state(generated_file_of_owner(user=request.user, pk=pk)))


class GeneratedFileDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = generated_file_of_owner(user=request.user, pk=pk)
        if job.status != GeneratedFile.Status.DONE or not job.file:
            raise Http404
        response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=job.content_type)
        response["Cache-Control"] = "private, no-store"
        return response


def invalid_filters_refusal(form) -> str:
    """The refusal for a register's filters that do not validate (a file made from them would
    silently hold other rows than the ones asked for), or ""."""
    if not form.is_bound or form.is_valid():
        return ""
    problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
    return _("Filter register tidak sah: %(errors)s") % {"errors": problems}


class GeneratedFileRequestView(View):
    """A document made in the background, asked for from its own page.

    GET (an old bookmark or link to the PDF): what will be made, with a button; POST: queue the job
    and show its progress page. A subclass gives ``job()`` (title and params, after checking what the
    user may see: 404 or 403 here as on the page) and ``back_url()``, and may give ``refusal()``: why
    nothing can be made from what was asked (said on the page; a POST goes back with it and queues
    nothing). It sits behind the page's own permission mixin, and ``generated_file_request`` checks
    the kind's permission again.
    """

    kind = ""
    template_name = "ppid/generated_request.html"

    def job(self) -> tuple[str, dict]:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def refusal(self) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        title, _params = self.job()
        return render(request, self.template_name, {
            "title": title, "kind_label": generated_file_kind(self.kind).label, "back_url": self.back_url(),
            "refusal": self.refusal(),
        })

    def post(self, request, *args, **kwargs):
        reason = self.refusal()
        if reason:
            messages.error(request, reason)
            return redirect(self.back_url())
        title, params = self.job()
        job = generated_file_request(owner=request.user, kind=self.kind, title=title, params=params, now=timezone.now())
        return redirect("generated-file", pk=job.pk)
