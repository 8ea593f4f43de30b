"""The report's pickers (month, quarter, year, custom range, unit), the narrative and the survey."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.hygiene import HygieneFormMixin
from ppid.models import Unit

from .models import Rating, ReportNarrative
from .periods import MAX_CUSTOM_DAYS, Period, month_period, period_parse, quarter_period, year_period

YEARS = range(2010, 2101)


class ReportPeriodForm(HygieneFormMixin, forms.Form):
    """One GET form; the kind chooses which of its fields make the period (no JavaScript needed)."""

    KINDS = (("month", _("Bulan")), ("quarter", _("Triwulan")), ("year", _("Tahun")), ("custom", _("Rentang tanggal")))
    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=KINDS, required=False, widget=forms.Select(attrs={"class": "form-select"}))
    bulan = forms.CharField(label=_("Bulan"), required=False, max_length=7,
                            widget=forms.TextInput(attrs={"type": "month", "class": "form-control", "placeholder": "2026-01"}))
    triwulan = forms.TypedChoiceField(label=_("Triwulan"), coerce=int, required=False, empty_value=None,
                                      choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
                                      widget=forms.Select(attrs={"class": "form-select"}))
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=YEARS.start, max_value=YEARS.stop - 1,
                               widget=forms.NumberInput(attrs={"class": "form-control"}))
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("Semua unit"),
                                  widget=forms.Select(attrs={"class": "form-select"}))
    periode = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("jenis")
        period = None
        if kind == "month":
            period = period_parse(cleaned.get("bulan") or "")
            if period is None:
                self.add_error("bulan", _("Pilih bulan dalam bentuk TTTT-BB."))
        elif kind == "quarter":
            if not (cleaned.get("tahun") and cleaned.get("triwulan")):
                self.add_error("triwulan", _("Pilih tahun dan triwulan."))
            else:
                period = quarter_period(cleaned["tahun"], cleaned["triwulan"])
        elif kind == "year":
            if not cleaned.get("tahun"):
                self.add_error("tahun", _("Isi tahun."))
            else:
                period = year_period(cleaned["tahun"])
        elif kind == "custom":
            start, end = cleaned.get("dari"), cleaned.get("sampai")
            if not (start and end) or start > end:
                self.add_error("sampai", _("Isi tanggal awal dan akhir; tanggal akhir tidak boleh sebelum tanggal awal."))
            elif (end - start).days > MAX_CUSTOM_DAYS:
                self.add_error("sampai", _("Rentang paling lama tiga tahun."))
            else:
                period = Period("custom", start, end)
        elif cleaned.get("periode"):
            period = period_parse(cleaned["periode"])
            if period is None:
                self.add_error("periode", _("Periode tidak dikenal."))
        cleaned["period"] = period
        return cleaned


def period_form_initial(period: Period, unit_id: int | None) -> dict:
    """The picker's fields showing a period (so that changing only the unit keeps the period)."""
    initial = {"jenis": period.kind, "tahun": period.start.year, "unit": unit_id, "periode": period.code}
    if period.kind == "month":
        initial["bulan"] = f"{period.start:%Y-%m}"
    elif period.kind == "quarter":
        initial["triwulan"] = (period.start.month - 1) // 3 + 1
    elif period.kind == "custom":
        initial.update(dari=period.start, sampai=period.end)
    return initial


def default_period(today: dt.date) -> Period:
    return month_period(today.year, today.month)


class NarrativeForm(HygieneFormMixin, forms.ModelForm):
    class Meta:
        model = ReportNarrative
        fields = ("policy", "obstacles", "recommendations")
        widgets = {name: forms.Textarea(attrs={"rows": 6, "class": "form-control"}) for name in fields}


class SurveyForm(HygieneFormMixin, forms.Form):
    rating = forms.ChoiceField(label=_("Bagaimana tanggapan Anda atas layanan informasi kami?"), choices=Rating.choices,
                               widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    comment = forms.CharField(label=_("Saran atau komentar (boleh dikosongkan)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
