from django.contrib import admin

from ppid.storage import PrivateFilesHiddenAdminMixin

from .models import (
    CoordinationMeeting,
    Delivery,
    Forwarding,
    InformationRequest,
    Material,
    Notice,
    RequestEvent,
    Review,
    SearchTrigram,
)

# Changed only through requests.services, which check the state and log each change: status,
# deadlines, numbers, the decision and its fee, who holds the request, and what was asked.
SERVICE_FIELDS = (
    "tracking_code",
    "register_number",
    "status",
    "decision",
    "is_held",
    "copy_fee",
    "channel",
    "received_at",
    "received_by",
    "backdate_reason",
    "completed_at",
    "receipt_date",
    "notice_due",
    "extended_at",
    "extension_reason",
    "decided_at",
    "fulfilled_at",
    "closed_at",
    "requester",
    "unit",
    "assignee",
    "dip_item",
    "information_wanted",
    "purpose",
    "obtain_method",
    "delivery_method",
    "information_user_name",
    "information_user_nik",
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

    def has_add_permission(self, request):
        # Requests are taken online or at the desk, where they get their number and clock.
        return False


class ServiceRecordAdmin(PrivateFilesHiddenAdminMixin, admin.ModelAdmin):
    """Records written by the services: viewable, not editable here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model in (Review, Notice, Delivery, Forwarding, CoordinationMeeting, Material, RequestEvent):
    admin.site.register(model, ServiceRecordAdmin)


@admin.register(SearchTrigram)
class SearchTrigramAdmin(ServiceRecordAdmin):
    """The nightly trigram counts of the register's search (requests.register_search): read only."""

    list_display = ("trigram", "request_count")
    ordering = ("-request_count",)
    search_fields = ("trigram",)

    def has_delete_permission(self, request, obj=None):
        return False
