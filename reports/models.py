"""The satisfaction survey and the annual report's narrative.

The survey lives here, in the project layer, rather than in ``requests``: it is read only by the
reports and written by its own pages, and keeping it here leaves the requests app's migrations
alone (docs/reports.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """The answers of the survey (seed 002, Bojonegoro: "Bagaimana Tanggapan Anda?"), best first."""

    VERY_SATISFIED = "sangat_puas", _("Sangat puas")
    SATISFIED = "puas", _("Puas")
    FAIRLY_SATISFIED = "cukup_puas", _("Cukup puas")
    DISSATISFIED = "tidak_puas", _("Tidak puas")


class SatisfactionSurvey(models.Model):
    """One answer per request, given online by the requester or at the desk (printed or tablet form)."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Daring oleh pemohon")
        DESK = "desk", _("Di meja layanan")

    request = models.OneToOneField(
        "requests.InformationRequest", verbose_name=_("permohonan"), on_delete=models.CASCADE, related_name="survey"
    )
    rating = models.CharField(_("penilaian"), max_length=12, choices=Rating.choices, db_index=True)
    comment = models.TextField(_("saran / komentar"), blank=True)
    source = models.CharField(_("cara pengisian"), max_length=8, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("diisi pada"), db_index=True)

    class Meta:
        verbose_name = _("survei kepuasan")
        verbose_name_plural = _("survei kepuasan")
        ordering = ["-answered_at"]
        permissions = [
            ("record_survey", _("Mencatat survei kepuasan di meja layanan")),
            ("view_reports", _("Melihat laporan layanan informasi")),
            ("view_daily_report", _("Melihat laporan harian petugas")),
        ]


class ReportNarrative(models.Model):
    """The annual report's written sections (Perki 1/2021): policy, obstacles, recommendations; one per year."""

    year = models.PositiveIntegerField(_("tahun"), unique=True)
    policy = models.TextField(_("gambaran umum kebijakan pelayanan informasi publik"), blank=True)
    obstacles = models.TextField(_("kendala eksternal dan internal"), blank=True)
    recommendations = models.TextField(_("rekomendasi dan rencana tindak lanjut"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("diubah pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("narasi laporan tahunan")
        verbose_name_plural = _("narasi laporan tahunan")
        permissions = [("edit_report_narrative", _("Menyusun narasi laporan tahunan"))]

    def __str__(self):
        return str(self.year)
