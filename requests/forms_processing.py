"""Forms of the back office. They collect input; the rules live in the stage services (requests.services)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.dates import zone_name
from ppid.hygiene import HygieneFormMixin
from ppid.law import ExemptionLetter, InformationCategory
from ppid.models import InformationItem, Unit
from ppid.workdays import office_timezone

from .models import CoordinationMeeting, Decision, DeliveryMethod, ObtainMethod, Review

# Free text printed on letters: long enough for any reason, short enough that a letter stays a letter
# (tests/requests/test_letters_long.py prints every field at this length). The page shows a counter.
LONG_TEXT_MAX = 2000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the checks by content happen in the service)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ForwardForm(HygieneFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Teruskan ke PPID Pembantu"),
        queryset=Unit.objects.filter(kind=Unit.Kind.ASSISTING, is_active=True).order_by("name"),
    )
    note = forms.CharField(label=_("Catatan untuk unit"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=LONG_TEXT_MAX)


class ReturnMaterialForm(HygieneFormMixin, forms.Form):
    note = forms.CharField(label=_("Catatan unit"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=LONG_TEXT_MAX)
    files = MultipleFileField(label=_("Bahan informasi (PDF, JPEG atau PNG)"))


class AssignForm(HygieneFormMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Petugas"), queryset=get_user_model().objects.none())

    def __init__(self, *args, staff_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff_queryset is not None:
            self.fields["assignee"].queryset = staff_queryset


class ReviewForm(HygieneFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Hasil uji"), choices=Review.Outcome.choices, widget=forms.RadioSelect)
    legal_basis = forms.ChoiceField(
        label=_("Dasar pengecualian"), choices=[("", "---------"), *Review.LegalBasis.choices], required=False
    )
    exemption_letter = forms.ChoiceField(
        label=_("Huruf pasal 17 UU KIP"), choices=[("", "---------"), *ExemptionLetter.choices], required=False
    )
    other_law = forms.CharField(label=_("Undang-undang lain (nama dan pasal)"), required=False, max_length=300)
    harm_test = forms.CharField(
        label=_("Uji konsekuensi (akibat yang timbul bila informasi dibuka)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=LONG_TEXT_MAX,
    )
    public_interest_test = forms.CharField(
        label=_("Uji kepentingan publik"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=LONG_TEXT_MAX
    )
    considerations = forms.CharField(
        label=_("Pertimbangan tertulis (politik, ekonomi, sosial budaya, pertahanan keamanan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT_MAX,
    )
    exempt_part = forms.CharField(
        label=_("Bagian yang dikecualikan (untuk pengecualian sebagian)"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        max_length=LONG_TEXT_MAX,
    )
    dip_item = forms.ModelChoiceField(
        label=_("Daftar informasi yang dikecualikan (DIP)"),
        queryset=InformationItem.objects.filter(category=InformationCategory.EXEMPT).order_by("title"),
        required=False,
    )


class MeetingForm(HygieneFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Tanggal rapat"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    attendees = forms.CharField(label=_("Peserta (unit dan nama)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=LONG_TEXT_MAX)
    summary = forms.CharField(label=_("Hasil rapat"), widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT_MAX)
    minutes = forms.FileField(label=_("Berita acara rapat yang ditandatangani (PDF, JPEG atau PNG)"), required=False)


class ExtendForm(HygieneFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan perpanjangan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT_MAX)


class DecideForm(HygieneFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=Decision.choices, widget=forms.RadioSelect)
    material = forms.CharField(
        label=_("Materi informasi yang diberikan"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=LONG_TEXT_MAX
    )
    withheld = forms.CharField(
        label=_("Bagian yang dihitamkan / dikecualikan dan alasannya"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        max_length=LONG_TEXT_MAX,
    )
    format = forms.ChoiceField(label=_("Format informasi"), choices=ObtainMethod.choices)
    delivery_method = forms.ChoiceField(label=_("Cara penyampaian"), choices=DeliveryMethod.choices)
    copy_fee = forms.DecimalField(label=_("Biaya penyalinan (Rp)"), min_value=0, decimal_places=0, initial=0)
    # UU KIP pasal 22 ayat (7) huruf c: the notice says how a copying cost is paid.
    payment_method = forms.CharField(
        label=_("Cara pembayaran biaya (bila ada biaya)"), required=False, max_length=200,
        help_text=_("mis. tunai di meja layanan PPID, atau transfer ke rekening kas daerah"),
    )
    holding_body = forms.CharField(
        label=_("Badan publik yang menguasai informasi (bila tidak dikuasai)"), required=False, max_length=300
    )
    body = forms.CharField(label=_("Keterangan tambahan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=LONG_TEXT_MAX)
    meeting = forms.ModelChoiceField(
        label=_("Lampirkan rapat koordinasi"), queryset=CoordinationMeeting.objects.none(), required=False
    )

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_obj is not None:
            self.fields["meeting"].queryset = request_obj.meetings.order_by("-held_on")


class DeliveryForm(HygieneFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("Cara penyerahan"), choices=DeliveryMethod.choices)
    delivered_at = forms.DateTimeField(
        label=_("Waktu penyerahan / pengiriman (waktu kantor)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        required=False,
    )
    recipient_name = forms.CharField(label=_("Nama penerima (untuk berita acara)"), required=False, max_length=200)
    proof_note = forms.CharField(
        label=_("Bukti pengiriman (nomor resi, laporan faksimili, alamat email)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )
    files = MultipleFileField(label=_("Berkas informasi untuk pemohon"))
    proof = forms.FileField(label=_("Pindaian bukti pengiriman"), required=False)

    def clean_delivered_at(self):
        value = self.cleaned_data.get("delivered_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, office_timezone())
        return value

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivered_at"].label = _("Waktu penyerahan / pengiriman (%(zone)s)") % {"zone": zone_name()}


class DeskGrantForm(HygieneFormMixin, forms.Form):
    material = forms.CharField(label=_("Materi informasi yang diberikan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=LONG_TEXT_MAX)
    method = forms.ChoiceField(
        label=_("Cara penyerahan"),
        choices=[(DeliveryMethod.PICK_UP, DeliveryMethod.PICK_UP.label), (DeliveryMethod.DOWNLOAD, DeliveryMethod.DOWNLOAD.label), (DeliveryMethod.EMAIL, DeliveryMethod.EMAIL.label)],
    )
    recipient_name = forms.CharField(label=_("Nama penerima"), max_length=200, required=False)
    files = MultipleFileField(label=_("Berkas informasi (bila diberikan dalam bentuk berkas)"))


class NoticeReceivedForm(HygieneFormMixin, forms.Form):
    received_on = forms.DateField(
        label=_("Tanggal pemberitahuan diterima pemohon"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class NoteForm(HygieneFormMixin, forms.Form):
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=LONG_TEXT_MAX)


class WithdrawForm(HygieneFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=LONG_TEXT_MAX)
