"""Background documents of the signed-in user: "Unduhan saya", a progress page, the download.

Every view reads through ppid.generated: a user sees only their own files (anyone else's
answers 404) and downloads only while they still hold the permission of the file's kind.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .generated import generated_file_kind, generated_file_of_owner, generated_files_of
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
