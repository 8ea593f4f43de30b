from django.contrib import admin

from .models import (
    CoordinationMeeting,
    Delivery,
    Forwarding,
    InformationRequest,
    Material,
    Notice,
    RequestEvent,
    Review,
)

# Changed only through requests.services: status, deadlines, numbers.
SERVICE_FIELDS = (
    "tracking_code",
    "register_number",
    "status",
    "decision",
    "received_at",
    "completed_at",
    "receipt_date",
    "notice_due",
    "extended_at",
    "extension_reason",
    "decided_at",
    "fulfilled_at",
    "closed_at",
    "requester",
)


class EventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(InformationRequest)
class InformationRequestAdmin(admin.ModelAdmin):
    list_display = ("register_number", "tracking_code", "requester", "channel", "status", "notice_due")
    list_filter = ("status", "channel", "unit")
    search_fields = ("register_number", "tracking_code", "information_wanted")
    readonly_fields = SERVICE_FIELDS
    list_select_related = ("requester",)
    inlines = [EventInline]


class ServiceRecordAdmin(admin.ModelAdmin):
    """Records written by the services: viewable, not editable here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model in (Review, Notice, Delivery, Forwarding, CoordinationMeeting, Material, RequestEvent):
    admin.site.register(model, ServiceRecordAdmin)
