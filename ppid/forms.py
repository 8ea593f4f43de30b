import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .law import InformationCategory
from .models import InformationItem
from .workdays import office_timezone


class DeadlineCalculatorForm(forms.Form):
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=forms.DateInput(attrs={"type": "date"}))
    received_time = forms.TimeField(
        label=_("Jam diterima (waktu kantor)"), widget=forms.TimeInput(attrs={"type": "time"}), initial=dt.time(10, 0)
    )

    def moment(self):
        naive = dt.datetime.combine(self.cleaned_data["received_on"], self.cleaned_data["received_time"])
        return timezone.make_aware(naive, office_timezone())


class InformationItemForm(forms.ModelForm):
    """A DIP entry as PPID staff maintain it; the document is checked by content in ppid.dip."""

    document_upload = forms.FileField(
        label=_("Dokumen (PDF, JPEG atau PNG)"),
        required=False,
        help_text=_("Dokumen informasi berkala, serta merta dan setiap saat dapat diunduh tanpa permohonan."),
    )
    remove_document = forms.BooleanField(label=_("Hapus dokumen yang ada"), required=False)
    link = forms.URLField(label=_("Tautan"), required=False, assume_scheme="https")

    class Meta:
        model = InformationItem
        fields = [
            "title", "unit", "category", "summary", "format", "responsible", "period", "retention",
            "legal_basis", "harm_test", "link", "is_published",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "harm_test": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") == InformationCategory.EXEMPT:
            if not (cleaned.get("legal_basis") or "").strip():
                self.add_error("legal_basis", _("Informasi yang dikecualikan wajib mencantumkan dasar hukumnya."))
            if cleaned.get("document_upload") or cleaned.get("link"):
                self.add_error(None, _("Informasi yang dikecualikan tidak boleh dilampiri dokumen atau tautan."))
        return cleaned
