"""The administrator's pages: the schedule and the last sweeps, the outbox, and the failed messages with "send again"."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import FailedEmail, Notification, OutgoingEmail, SweepRun
from .outbox import email_send_again


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def schedule_rows():
    """The Celery beat schedule as people read it (ppid/celery.py)."""
    from ppid.celery import app

    rows = []
    for name, entry in sorted(app.conf.beat_schedule.items()):
        schedule = entry["schedule"]
        when = f"{','.join(map(str, sorted(schedule.hour)))}:{','.join(f'{m:02d}' for m in sorted(schedule.minute))}"
        rows.append({"name": name, "task": entry["task"], "when": when if len(schedule.hour) < 24 else _("setiap jam, menit %(m)s") % {"m": when.split(":")[1]}})
    return rows


@admin.register(SweepRun)
class SweepRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "office_day", "trigger", "items", "notifications", "emails", "sent", "duration_ms")
    list_filter = ("trigger",)
    change_list_template = "admin/notifications/sweeprun/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            sent_count=Count("outgoing_emails", filter=Q(outgoing_emails__status=OutgoingEmail.Status.SENT))
        )

    @admin.display(description=_("terkirim"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    def changelist_view(self, request, extra_context=None):
        last = self.get_queryset(request).filter(trigger__in=("beat", "command")).first()
        extra = {
            "schedule": schedule_rows(),
            "last_sweep": last,
            "failed_count": FailedEmail.objects.count(),
        }
        return super().changelist_view(request, extra_context={**(extra_context or {}), **extra})


def _send_again(modeladmin, request, queryset):
    now = timezone.now()
    queued = sum(email_send_again(email_id=pk, actor=request.user, now=now) for pk in queryset.values_list("pk", flat=True))
    modeladmin.message_user(
        request, ngettext("%(n)d email dijadwalkan ulang.", "%(n)d email dijadwalkan ulang.", queued) % {"n": queued}, messages.SUCCESS
    )


_send_again.short_description = _("Kirim ulang")
_send_again.allowed_permissions = ("resend",)


class OutboxAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "recipient_key", "address", "status", "skip_reason", "attempts", "last_error", "sent_at")
    list_filter = ("status", "kind", "skip_reason")
    search_fields = ("address", "recipient_key")
    actions = [_send_again]

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.resend_outgoingemail")


admin.site.register(OutgoingEmail, OutboxAdmin)


@admin.register(FailedEmail)
class FailedEmailAdmin(OutboxAdmin):
    list_filter = ("status", "kind")

    def get_object(self, request, object_id, from_field=None):
        """A message opened from the list stays readable after it was sent again."""
        return OutgoingEmail.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "item_type", "item_id", "label", "recipient_key", "role", "stage", "deadline", "read_at")
    list_filter = ("kind", "item_type", "role", "stage")
    search_fields = ("label", "recipient_key")
