import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workdays import office_timezone


class DeadlineCalculatorForm(forms.Form):
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=forms.DateInput(attrs={"type": "date"}))
    received_time = forms.TimeField(
        label=_("Jam diterima (waktu kantor)"), widget=forms.TimeInput(attrs={"type": "time"}), initial=dt.time(10, 0)
    )

    def moment(self):
        naive = dt.datetime.combine(self.cleaned_data["received_on"], self.cleaned_data["received_time"])
        return timezone.make_aware(naive, office_timezone())
