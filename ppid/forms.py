import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import zone_name
from .hygiene import HygieneFormMixin
from .law import InformationCategory
from .models import InformationItem, OfficeSettings
from .office import THEMES, logo_clean
from .validators import validate_nip
from .workdays import office_timezone


class DipSearchForm(HygieneFormMixin, forms.Form):
    """The public DIP list's search box and filters (GET): a NUL or other control character gets a message, not a 500."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    kategori = forms.ChoiceField(choices=[("", ""), *InformationCategory.choices], required=False)
    unit = forms.IntegerField(required=False, min_value=1)


class DeadlineCalculatorForm(HygieneFormMixin, forms.Form):
    received_on = forms.DateField(
        label=_("Tanggal diterima"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Hari permohonan diajukan daring atau diterima meja layanan."),
    )
    received_time = forms.TimeField(
        label=_("Jam diterima (waktu kantor)"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_time"].label = _("Jam diterima (%(zone)s)") % {"zone": zone_name(now)}
        if not self.is_bound:
            local = timezone.localtime(now or timezone.now(), office_timezone())
            self.initial.setdefault("received_on", local.date())
            self.initial.setdefault("received_time", local.time().replace(second=0, microsecond=0))

    def moment(self):
        naive = dt.datetime.combine(self.cleaned_data["received_on"], self.cleaned_data["received_time"])
        return timezone.make_aware(naive, office_timezone())


class InformationItemForm(HygieneFormMixin, forms.ModelForm):
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
            "legal_basis", "harm_test", "exemption_period", "link", "is_published",
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


class NipField(forms.CharField):
    """A NIP typed as printed ("19800101 200501 1 001") or without spaces; kept as 18 digits."""

    def __init__(self, **kwargs):
        super().__init__(max_length=24, validators=[validate_nip], **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return "".join(super().to_python(value).split())


NIP_FIELDS = ("ppid_official_nip", "ppid_standin_nip", "atasan_official_nip", "atasan_standin_nip")


class OfficeSettingsForm(HygieneFormMixin, forms.ModelForm):
    """Pengaturan kantor in the admin: the logo is checked by content; colours come from vetted palettes."""

    logo_upload = forms.FileField(
        label=_("Unggah logo baru"),
        required=False,
        help_text=_("PNG atau JPEG, paling besar 1 MB; gambar lebih dari 512 piksel diperkecil."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")
    theme = forms.ChoiceField(
        label=_("Warna tampilan"),
        choices=[("", _("— bawaan instalasi —")), *THEMES.items()],
        required=False,
        help_text=_("Setiap pilihan warna sudah diuji memenuhi kontras WCAG 2.1 AA."),
    )

    class Meta:
        model = OfficeSettings
        exclude = ("logo",)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            **{name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
               for name in ("ppid_standin_from", "ppid_standin_until", "atasan_standin_from", "atasan_standin_until")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NIP_FIELDS:
            self.fields[name] = NipField(label=self.fields[name].label, required=False)

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            logo_clean(upload)  # refuse early, with the field's message; the service checks again on save
            upload.seek(0)
        return upload


class LetterVerifyForm(HygieneFormMixin, forms.Form):
    """The public verification page's check (GET): the SHA-256 of the PDF a visitor holds."""

    sha256 = forms.CharField(
        label=_("Sidik SHA-256 berkas PDF yang Anda pegang"),
        required=False,
        max_length=100,
        help_text=_("64 karakter heksadesimal, mis. hasil perintah sha256sum atau certutil -hashfile berkas.pdf SHA256."),
    )
