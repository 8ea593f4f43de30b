"""The requester's notifications: the same messages as their emails, listed read or unread."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from ppid.permissions import RequesterRequiredMixin

from . import selectors, services

PAGE_SIZE = 50


class NotificationListView(RequesterRequiredMixin, TemplateView):
    template_name = "notifications/mine.html"

    def get_context_data(self, **kwargs):
        requester = self.request.user.requester
        page = Paginator(selectors.notifications_of_requester(requester), PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = selectors.notification_rows(page.object_list)
        return {**super().get_context_data(**kwargs), "page": page, "rows": rows, "unread": selectors.unread_count(requester)}

    def post(self, request):
        """Mark every notification read."""
        services.notification_mark_read(requester=request.user.requester, now=timezone.now())
        return redirect("notifications:mine")


class NotificationReadView(RequesterRequiredMixin, View):
    def post(self, request, pk):
        notification = selectors.notification_of_requester(request.user.requester, pk)
        services.notification_mark_read(requester=request.user.requester, pk=notification.pk, now=timezone.now())
        return redirect("notifications:mine")
