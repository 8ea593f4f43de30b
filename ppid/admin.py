from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import OfficeSettingsForm
from .office import office_identity, office_settings_save
from .models import (
    CalendarOverride,
    CalendarStamp,
    GeneratedFile,
    InformationItem,
    IssuedDocument,
    OfficeSettings,
    RegisterSequence,
    ServiceHours,
    ThrottleHit,
    TwoFactorRequirement,
    Unit,
    User,
)
from .roles import ROLE_LABELS, STAFF_ROLES
from .security import login_unlock


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Unit kerja"), {"fields": ("unit", "position")}),)
    list_display = ("username", "email", "first_name", "last_name", "unit", "is_staff")
    list_filter = UserAdmin.list_filter + ("unit",)
    list_select_related = ("unit",)
    actions = ["unlock_login"]

    @admin.action(description=_("Buka kunci login (setelah terlalu banyak percobaan gagal)"))
    def unlock_login(self, request, queryset):
        unlocked = sum(login_unlock(user=user) for user in queryset)
        self.message_user(request, _("%(count)d catatan percobaan gagal dihapus.") % {"count": unlocked})


class TwoFactorRequirementForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("peran"), choices=[(role, ROLE_LABELS[role]) for role in STAFF_ROLES])

    class Meta:
        model = TwoFactorRequirement
        fields = ["role", "required"]


@admin.register(TwoFactorRequirement)
class TwoFactorRequirementAdmin(admin.ModelAdmin):
    """Per role: must its staff sign in with a TOTP code? Roles without a row follow PPID_TWO_FACTOR_ROLES."""

    form = TwoFactorRequirementForm
    list_display = ("__str__", "required")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "code")


@admin.register(ServiceHours)
class ServiceHoursAdmin(admin.ModelAdmin):
    list_display = ("weekday", "is_open", "opens_at", "closes_at", "break_starts_at", "break_ends_at")

    def has_add_permission(self, request):
        return False  # one row per weekday, made by the data migration

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Closing times decide receipt dates: a change recomputes open deadlines and logs it."""
        changed = services.service_hours_save(hours=obj, actor=request.user)
        self.message_user(request, _("%(count)d tenggat dihitung ulang.") % {"count": changed})


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(admin.ModelAdmin):
    """Pengaturan kantor: one row, edited in place (the list goes straight to it)."""

    form = OfficeSettingsForm
    readonly_fields = ("logo_preview", "updated_at")
    fieldsets = (
        (_("Identitas kantor"), {"fields": ("body_name", "ppid_name", "logo_preview", "logo_upload", "remove_logo", "theme")}),
        (_("Alamat dan kontak"), {"fields": ("address", "city", "phone", "email", "website")}),
        (
            _("PPID"),
            {"fields": ("ppid_official_name", "ppid_official_position", "ppid_official_nip",
                        "ppid_standin_name", "ppid_standin_nip", "ppid_standin_kind", "ppid_standin_from", "ppid_standin_until")},
        ),
        (
            _("Atasan PPID"),
            {"fields": ("atasan_official_name", "atasan_official_position", "atasan_official_nip",
                        "atasan_standin_name", "atasan_standin_nip", "atasan_standin_kind", "atasan_standin_from",
                        "atasan_standin_until")},
        ),
        (_("Kebijakan"), {"fields": ("identity_retention_days", "updated_at")}),
    )

    def has_add_permission(self, request):
        return not OfficeSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        row = OfficeSettings.current()
        return redirect(reverse("admin:ppid_officesettings_change", args=[row.pk]))

    @admin.display(description=_("logo saat ini"))
    def logo_preview(self, obj):
        identity = office_identity()
        if not identity.logo_url:
            return _("Belum ada logo.")
        return format_html('<img src="{}" alt="" class="office-logo-preview" height="64">', identity.logo_url)

    def save_model(self, request, obj, form, change):
        """Through the service: the logo is checked by content and stored under a new name."""
        office_settings_save(
            row=obj, logo_upload=form.cleaned_data.get("logo_upload"), remove_logo=form.cleaned_data.get("remove_logo", False)
        )


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "reason", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        """Through the service, so open deadlines are recomputed and the changes logged."""
        if change and "date" in form.changed_data:
            services.calendar_override_remove(override=CalendarOverride.objects.get(pk=obj.pk), actor=request.user)
            obj.pk = None
        saved, changed = services.calendar_override_set(
            day=obj.date, is_working_day=obj.is_working_day, reason=obj.reason, actor=request.user
        )
        obj.pk = saved.pk
        self.message_user(request, _("%(count)d tenggat dihitung ulang.") % {"count": changed})

    def delete_model(self, request, obj):
        services.calendar_override_remove(override=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            services.calendar_override_remove(override=override, actor=request.user)


@admin.register(RegisterSequence)
class RegisterSequenceAdmin(admin.ModelAdmin):
    """Read-only: numbers are taken only by ppid.sequences inside the registering transaction."""

    list_display = ("kind", "year", "last_number")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarStamp)
class CalendarStampAdmin(admin.ModelAdmin):
    """Read-only: database triggers change the token whenever the calendar's data changes."""

    list_display = ("token",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GeneratedFile)
class GeneratedFileAdmin(admin.ModelAdmin):
    """Read-only: background documents belong to their owner; the daily purge deletes them."""

    list_display = ("title", "kind", "owner", "status", "progress", "created_at", "expires_at")
    list_filter = ("kind", "status")
    list_select_related = ("owner",)
    exclude = ("file",)  # downloads go through the owner's view, never an admin link

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InformationItem)
class InformationItemAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "unit", "is_published", "updated_at")
    list_filter = ("category", "unit", "is_published")
    search_fields = ("title", "summary")
    list_select_related = ("unit",)


@admin.register(ThrottleHit)
class ThrottleHitAdmin(admin.ModelAdmin):
    """Read-only: hits of the mail throttle (addresses only as digests); old ones are removed as they expire."""

    list_display = ("at", "key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Read-only: the register of issued letters is written only when a letter is issued (ppid.letters)."""

    list_display = ("number", "title", "issued_on", "sha256", "superseded_by")
    list_filter = ("kind",)
    search_fields = ("number",)
    exclude = ("pdf",)  # a stored letter opens through its permission-checked view, never an admin link

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
