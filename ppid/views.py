from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from .deadlines import stage_deadlines
from .forms import DeadlineCalculatorForm
from .workdays import OfficeCalendar


class HomeView(TemplateView):
    template_name = "ppid/home.html"


class WorkingCalendarView(PermissionRequiredMixin, TemplateView):
    """Kalender kerja: a year's non-working days with their source, and a deadline calculator."""

    template_name = "ppid/calendar.html"
    permission_required = "ppid.view_calendaroverride"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        calendar = OfficeCalendar()
        today = calendar.local_date(timezone.now())
        try:
            year = int(self.request.GET.get("tahun", today.year))
        except ValueError:
            year = today.year
        year = min(max(year, 2000), 2100)
        form = DeadlineCalculatorForm(self.request.GET if "received_on" in self.request.GET else None)
        if form.is_bound and form.is_valid():
            context["receipt"], context["stages"] = stage_deadlines(form.moment(), calendar)
        context.update(
            form=form,
            year=year,
            previous_year=year - 1,
            next_year=year + 1,
            non_working_days=calendar.non_working_days(year),
            service_hours=calendar.service_hours().values(),
        )
        return context
