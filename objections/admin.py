from django.contrib import admin

from ppid.storage import PrivateFilesHiddenAdminMixin

from .models import AdvisoryOpinion, Answer, Dispute, DisputeDocument, Hearing, Objection, ObjectionEvent, ObjectionGroundClaim


class GroundInline(admin.TabularInline):
    model = ObjectionGroundClaim
    extra = 0
    can_delete = False
    readonly_fields = ("ground", "ground_date", "window_closes")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Objection)
class ObjectionAdmin(PrivateFilesHiddenAdminMixin, admin.ModelAdmin):
    """Read-only: objections are filed on the portal (online or at the desk) through objections.services,
    which number them and write their deadlines; an objection added here would have neither."""

    list_display = ("register_number", "request", "status", "answer_due")
    list_filter = ("status",)
    search_fields = ("register_number", "tracking_code")
    readonly_fields = (
        "register_number",
        "tracking_code",
        "request",
        "requester",
        "status",
        "submitted_at",
        "receipt_date",
        "answer_due",
        "dispute_filing_due",
    )
    inlines = [GroundInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HearingInline(admin.TabularInline):
    model = Hearing
    extra = 0


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ("ki_registration_number", "objection", "stage", "filed_on", "settlement_due")
    list_filter = ("stage",)
    # Stages, their dates and the deadlines change only through objections.services.disputes (each with its event).
    readonly_fields = (
        "stage", "mediation_due", "settlement_due", "filed_via", "filed_by", "window_basis", "window_start", "filing_last_day",
        "registered_on", "preliminary_on", "mediation_started_on", "mediation_extended_on", "adjudication_started_on",
        "outcome_kind", "decided_on", "court_filed_on", "cassation_filed_on", "closed_on",
    )
    inlines = [HearingInline]


class ServiceRecordAdmin(PrivateFilesHiddenAdminMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Answer, ServiceRecordAdmin)
admin.site.register(AdvisoryOpinion, ServiceRecordAdmin)
admin.site.register(ObjectionEvent, ServiceRecordAdmin)
admin.site.register(ObjectionGroundClaim, ServiceRecordAdmin)
admin.site.register(Hearing)
admin.site.register(DisputeDocument, ServiceRecordAdmin)
