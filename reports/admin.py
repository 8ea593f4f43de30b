from django.contrib import admin

from .models import ReportNarrative, SatisfactionSurvey


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(admin.ModelAdmin):
    list_display = ("request", "rating", "source", "answered_at")
    list_filter = ("rating", "source")
    readonly_fields = ("request", "rating", "comment", "source", "recorded_by", "answered_at")


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(admin.ModelAdmin):
    list_display = ("year", "updated_at")
    readonly_fields = ("updated_by", "updated_at")
