from django.contrib import admin

from . import services
from .models import IdentityAccessLog, IdentityDocument, Requester, VerificationDecision

IDENTITY_FIELDS = (
    "nik", "full_name", "verification_status", "verified_at", "verified_by", "claimed_requester", "email_confirmed_at",
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IdentityDocumentInline(ReadOnlyInline):
    """Files open only through the logged view, never as a direct link from the admin."""

    model = IdentityDocument
    fields = ("kind", "content_type", "size", "sha256", "uploaded_at")
    readonly_fields = fields


@admin.register(Requester)
class RequesterAdmin(admin.ModelAdmin):
    list_display = ("full_name", "kind", "verification_status", "created_at")
    list_filter = ("kind", "verification_status")
    search_fields = ("full_name", "entity_name", "phone", "email")
    readonly_fields = IDENTITY_FIELDS + ("user", "created_by", "created_at", "updated_at")
    inlines = [IdentityDocumentInline]

    # Deleting a requester removes its identity files after commit, each removal logged.
    def delete_model(self, request, obj):
        services.requester_delete(requester=obj, actor=request.user, reason="pemohon dihapus oleh administrator")

    def delete_queryset(self, request, queryset):
        for requester in queryset:
            self.delete_model(request, requester)


@admin.register(VerificationDecision)
class VerificationDecisionAdmin(admin.ModelAdmin):
    list_display = ("requester", "outcome", "method", "decided_by", "decided_at")
    readonly_fields = ("requester", "outcome", "method", "reason", "decided_by", "decided_at")
    list_select_related = ("requester", "decided_by")

    def has_add_permission(self, request):
        return False


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "requester", "description")
    list_filter = ("action",)
    search_fields = ("requester__full_name", "description")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # The file goes after commit and the removal is logged, as on every other path.
    def delete_model(self, request, obj):
        services.identity_document_delete_by_admin(document=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            self.delete_model(request, document)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IdentityDocument)
class IdentityDocumentAdmin(admin.ModelAdmin):
    """Metadata only: the file opens through the logged view, never from the admin."""

    list_display = ("requester", "kind", "content_type", "size", "uploaded_at")
    fields = ("requester", "kind", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    list_select_related = ("requester",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # The file goes after commit and the removal is logged, as on every other path.
    def delete_model(self, request, obj):
        services.identity_document_delete_by_admin(document=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            self.delete_model(request, document)
