from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from . import dip, law
from .deadlines import stage_deadlines, submission_answer
from .forms import DeadlineCalculatorForm, DipSearchForm, InformationItemForm
from .law import InformationCategory
from .models import InformationItem, OfficeSettings, ServiceHours, Unit
from .office import LOGO_CONTENT_TYPES
from .roles import is_staff_member
from .start import start_url
from .workdays import OfficeCalendar


class HomeView(TemplateView):
    """The public front page: steps, deadlines, hours, costs and the maklumat pelayanan."""

    template_name = "ppid/home.html"
    charter_only = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            charter_only=self.charter_only,
            charter_sub_level=2 if self.charter_only else 3,
            service_hours=ServiceHours.objects.order_by("weekday"),
            notice_days=law.NOTICE_WORKING_DAYS,
            extension_days=law.EXTENSION_WORKING_DAYS,
            objection_days=law.OBJECTION_WINDOW_WORKING_DAYS,
            answer_days=law.ATASAN_ANSWER_WORKING_DAYS,
            dispute_days=law.DISPUTE_FILING_WORKING_DAYS,
            **kwargs,
        )


class StartView(View):
    """After login (LOGIN_REDIRECT_URL): each role's own start page (ppid.start)."""

    def get(self, request):
        if not request.user.is_authenticated:
            return redirect("login")
        return redirect(start_url(request.user))


# -- Daftar Informasi Publik ------------------------------------------------------------------
class DipListView(TemplateView):
    """The DIP for everyone: by category and unit, searchable; exempt items with their legal basis."""

    template_name = "ppid/dip_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        params = self.request.GET
        search = DipSearchForm(params)
        valid = search.is_valid()  # an invalid box (e.g. a NUL) shows its message and searches nothing
        category = search.cleaned_data.get("kategori", "") if valid else ""
        unit_id = search.cleaned_data.get("unit") if valid else None
        query = search.cleaned_data.get("q", "").strip() if valid else ""
        can_edit = self.request.user.has_perm("ppid.change_informationitem")
        items = dip.information_items_search(category=category, unit_id=unit_id, query=query, include_unpublished=can_edit)
        page = Paginator(items, self.page_size).get_page(params.get("page"))
        querystring = params.copy()
        querystring.pop("page", None)
        return super().get_context_data(
            page=page,
            search_form=search,
            categories=InformationCategory.choices,
            units=Unit.objects.filter(is_active=True),
            category=category,
            unit_id=unit_id,
            query=query,
            querystring=querystring.urlencode(),
            can_edit=can_edit,
            can_add=self.request.user.has_perm("ppid.add_informationitem"),
            exempt=InformationCategory.EXEMPT,
            **kwargs,
        )


def _visible_item(request, pk):
    item = get_object_or_404(InformationItem.objects.select_related("unit"), pk=pk)
    if not item.is_published and not request.user.has_perm("ppid.change_informationitem"):
        raise Http404
    return item


class DipDetailView(TemplateView):
    template_name = "ppid/dip_detail.html"

    def get_context_data(self, **kwargs):
        item = _visible_item(self.request, self.kwargs["pk"])
        return super().get_context_data(
            item=item,
            downloadable=dip.information_item_is_downloadable(item),
            exempt=item.category == InformationCategory.EXEMPT,
            can_edit=self.request.user.has_perm("ppid.change_informationitem"),
            **kwargs,
        )


class OfficeLogoView(View):
    """The office's logo (a public file): only the current one, cached for good since each upload has a new name."""

    def get(self, request, filename):
        logo = OfficeSettings.objects.filter(pk=1).values_list("logo", flat=True).first() or ""
        if not logo or logo.rsplit("/", 1)[-1] != filename:
            raise Http404
        extension = filename[filename.rfind(".") :]
        response = FileResponse(default_storage.open(logo, "rb"), content_type=LOGO_CONTENT_TYPES.get(extension, "image/png"))
        response["Cache-Control"] = "public, max-age=31536000, immutable"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DipDocumentView(View):
    """The document of an open, published item: downloadable without a request."""

    def get(self, request, pk):
        item = get_object_or_404(InformationItem, pk=pk)
        if not dip.information_item_is_downloadable(item):
            raise Http404
        name = f"dip-{item.pk}{item.document.name[item.document.name.rfind('.'):]}"
        return FileResponse(item.document.open("rb"), as_attachment=True, filename=name)


class DipEditView(PermissionRequiredMixin, View):
    """Create (no pk) or edit a DIP item."""

    template_name = "ppid/dip_form.html"

    def get_permission_required(self):
        return ("ppid.change_informationitem",) if "pk" in self.kwargs else ("ppid.add_informationitem",)

    def item(self):
        if "pk" in self.kwargs:
            return get_object_or_404(InformationItem, pk=self.kwargs["pk"])
        return InformationItem()

    def get(self, request, pk=None):
        item = self.item()
        return render(request, self.template_name, {"form": InformationItemForm(instance=item), "item": item})

    def post(self, request, pk=None):
        item = self.item()
        form = InformationItemForm(request.POST, request.FILES, instance=item)
        if form.is_valid():
            try:
                saved = dip.information_item_save(
                    item=form.save(commit=False),
                    upload=form.cleaned_data.get("document_upload"),
                    remove_document=form.cleaned_data.get("remove_document", False),
                )
            except ValidationError as error:
                form.add_error("document_upload", error)
            else:
                messages.success(request, _("Informasi “%(title)s” disimpan.") % {"title": saved.title})
                return redirect("dip-detail", pk=saved.pk)
        return render(request, self.template_name, {"form": form, "item": item})


class WorkingCalendarView(TemplateView):
    """Kalender kerja, open to everyone: the year's non-working days with their source, and the answer to
    "if I submit now (or then), when must I be answered?". Staff also see every stage's deadline."""

    template_name = "ppid/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calendar = OfficeCalendar()
        now = timezone.now()
        today = calendar.local_date(now)
        try:
            year = int(self.request.GET.get("tahun", today.year))
        except ValueError:
            year = today.year
        year = min(max(year, 2000), 2100)
        asked = "received_on" in self.request.GET
        form = DeadlineCalculatorForm(self.request.GET if asked else None, now=now)
        moment = form.moment() if asked and form.is_valid() else (None if asked else now)
        if moment is not None:
            context["answer"] = submission_answer(moment, calendar)
            context["asked_now"] = not asked
            if is_staff_member(self.request.user):
                context["receipt"], context["stages"] = stage_deadlines(moment, calendar)
        context.update(
            form=form,
            year=year,
            previous_year=year - 1,
            next_year=year + 1,
            non_working_days=calendar.non_working_days(year),
            service_hours=calendar.service_hours().values(),
        )
        return context
