"""Forms of intake and the register. They validate input; the rules live in requests.services.intake."""

from __future__ import annotations

import datetime as dt
import secrets

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ppid.dates import zone_name
from ppid.hygiene import HygieneFormMixin
from ppid.law import InformationCategory
from ppid.models import InformationItem, Unit
from ppid.shared_config import shared_config
from ppid.workdays import OfficeCalendar, office_timezone
from registry.validators import validate_nik

from .models import Channel, DeliveryMethod, InformationRequest, ObtainMethod
from .services.intake import DESK_CHANNELS

CONTENT_FIELDS = ("information_wanted", "purpose", "obtain_method", "delivery_method")


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


class FormTokenMixin(forms.Form):
    """A hidden one-time token: the second submission of the same form finds the request the first created."""

    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", new_form_token())


def dip_item_field():
    return forms.ModelChoiceField(
        label=_("Informasi dalam Daftar Informasi Publik (bila ada)"),
        queryset=InformationItem.objects.filter(is_published=True).exclude(category=InformationCategory.EXEMPT).order_by("title"),
        required=False,
        empty_label=_("— tidak memilih —"),
    )


def unit_field(label):
    return forms.ModelChoiceField(
        label=label, queryset=Unit.objects.filter(is_active=True), required=False, empty_label=_("— belum diketahui —")
    )


class InformationUserMixin(forms.Form):
    information_user_name = forms.CharField(
        label=_("Nama pengguna informasi (bila berbeda dari pemohon)"), max_length=200, required=False
    )
    information_user_nik = forms.CharField(label=_("NIK pengguna informasi"), max_length=16, required=False)

    def clean_information_user_nik(self):
        nik = self.cleaned_data["information_user_nik"].strip()
        if nik:
            validate_nik(nik)  # the same rule as the requester's own NIK
        return nik


class OnlineRequestForm(HygieneFormMixin, FormTokenMixin, InformationUserMixin, forms.Form):
    information_wanted = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    purpose = forms.CharField(label=_("Tujuan penggunaan informasi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    obtain_method = forms.ChoiceField(label=_("Cara memperoleh informasi"), choices=ObtainMethod.choices, widget=forms.RadioSelect)
    delivery_method = forms.ChoiceField(
        label=_("Cara mendapatkan salinan informasi"), choices=DeliveryMethod.choices, widget=forms.RadioSelect
    )

    field_order = ["information_wanted", "purpose", "obtain_method", "delivery_method", "dip_item", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dip_item"] = dip_item_field()
        self.fields["unit"] = unit_field(_("Unit yang menguasai informasi (bila diketahui)"))
        self.order_fields(self.field_order)

    @staticmethod
    def initial_for_dip(item_id) -> dict:
        """The form filled from a DIP item ("Ajukan permohonan untuk informasi ini"): the item, its title, its unit."""
        if not item_id or not str(item_id).isdigit():
            return {}
        item = dip_item_field().queryset.filter(pk=item_id).select_related("unit").first()
        if item is None:
            return {}
        return {"dip_item": item.pk, "unit": item.unit_id, "information_wanted": item.title}


class DeskRequestForm(HygieneFormMixin, FormTokenMixin, InformationUserMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("Saluran"), choices=[(value, label) for value, label in Channel.choices if value in DESK_CHANNELS]
    )
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    received_time = forms.TimeField(label=_("Jam diterima (waktu kantor)"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}))
    backdate_reason = forms.CharField(
        label=_("Alasan pencatatan mundur"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Wajib bila waktu diterima lebih lama dari batas hari yang ditetapkan kantor."),
    )
    information_wanted = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    purpose = forms.CharField(
        label=_("Tujuan penggunaan informasi"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    obtain_method = forms.ChoiceField(
        label=_("Cara memperoleh informasi"), choices=[("", _("— belum disebut —")), *ObtainMethod.choices], required=False
    )
    delivery_method = forms.ChoiceField(
        label=_("Cara mendapatkan salinan informasi"),
        choices=[("", _("— belum disebut —")), *DeliveryMethod.choices],
        required=False,
    )
    identity_seen = forms.BooleanField(label=_("Dokumen identitas asli pemohon telah dilihat"), required=False)
    is_complete = forms.BooleanField(
        label=_("Permohonan lengkap (nomor register diberikan dan waktu mulai dihitung)"), required=False, initial=True
    )

    field_order = [
        "channel", "received_on", "received_time", "backdate_reason", "information_wanted", "purpose",
        "obtain_method", "delivery_method", "dip_item", "unit", "information_user_name", "information_user_nik",
        "identity_seen", "is_complete",
    ]

    def __init__(self, *args, officer=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The zone on every time: "Jam diterima (WITA)", not "waktu kantor".
        self.fields["received_time"].label = _("Jam diterima (%(zone)s)") % {"zone": zone_name(now)}
        self.fields["dip_item"] = dip_item_field()
        self.fields["unit"] = unit_field(_("Unit penerima / penguasa informasi"))
        self.order_fields(self.field_order)
        self.outside_hours_moment = None
        if not self.is_bound:
            local = timezone.localtime(now or timezone.now(), office_timezone())
            self.initial.setdefault("received_on", local.date())
            self.initial.setdefault("received_time", local.time().replace(second=0, microsecond=0))
            if officer is not None and officer.unit_id:
                self.initial.setdefault("unit", officer.unit_id)
            if not OfficeCalendar().is_open_at(local):
                # The desk is closed now: the time filled in is probably not when the request came in.
                self.outside_hours_moment = local

    def received_at(self) -> dt.datetime:
        naive = dt.datetime.combine(self.cleaned_data["received_on"], self.cleaned_data["received_time"])
        return timezone.make_aware(naive, office_timezone())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_complete"):
            for name in CONTENT_FIELDS:
                if not cleaned.get(name):
                    self.add_error(name, _("Wajib diisi untuk permohonan yang lengkap."))
        return cleaned


class CompleteRequestForm(HygieneFormMixin, forms.Form):
    """Fill what an incomplete request was missing; the clock starts when this is submitted."""

    information_wanted = forms.CharField(
        label=_("Rincian informasi yang dibutuhkan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    purpose = forms.CharField(label=_("Tujuan penggunaan informasi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    obtain_method = forms.ChoiceField(label=_("Cara memperoleh informasi"), choices=ObtainMethod.choices)
    delivery_method = forms.ChoiceField(label=_("Cara mendapatkan salinan informasi"), choices=DeliveryMethod.choices)
    identity_seen = forms.BooleanField(label=_("Dokumen identitas asli pemohon telah dilihat"), required=False)

    @classmethod
    def for_request(cls, request: InformationRequest, data=None):
        initial = {name: getattr(request, name) for name in CONTENT_FIELDS}
        return cls(data, initial=initial)


class PublicStatusForm(HygieneFormMixin, forms.Form):
    nomor = forms.CharField(
        label=_("Nomor register"), max_length=50, required=False, help_text=_("Kosongkan bila permohonan belum teregister.")
    )
    kode = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=20,
        error_messages={"required": _("Isi kode pelacakan yang tercantum pada tanda bukti penerimaan.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class _UnitChoiceIterator(forms.models.ModelChoiceIterator):
    """Every unit from the process's snapshot (ppid.shared_config, never stale): the list costs no
    query. A chosen unit is still read from the field's queryset when the form is validated."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in shared_config().units:
            yield (forms.models.ModelChoiceIteratorValue(unit.pk, unit), unit.name)

    def __len__(self):
        return len(shared_config().units) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(shared_config().units)


class _UnitChoiceField(forms.ModelChoiceField):
    """Every unit (``Unit.objects.all()``), listed from the cached snapshot."""

    iterator = _UnitChoiceIterator

    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.all(), **kwargs)


class _QuickSelect(forms.Select):
    """A select written in Python: the same markup as Django's templates (select.html, select_option.html,
    attrs.html), without a template rendered per option (the register's filter form has about 30)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{escape(group_name)}">')
            for option in options:
                attrs = flatatt(option["attrs"]) if option["attrs"] else ""  # most options have none: flatatt costs ~50 us
                parts.append(f'<option value="{escape(option["value"])}"{attrs}>{escape(option["label"])}</option>')
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class RegisterFilterForm(HygieneFormMixin, forms.Form):
    """The register's filters. Rendered by hand with Bootstrap classes (templates/requests/register/
    _filters.html): the register is the busiest list page, and per-field crispy rendering cost more
    than the whole table."""

    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}))
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"}))
    unit = _UnitChoiceField(
        label=_("Unit"), required=False, empty_label=_("Semua unit"),
        widget=_QuickSelect(attrs={"class": "form-select"}),
    )
    channel = forms.ChoiceField(
        label=_("Saluran"), choices=[("", _("Semua saluran")), *Channel.choices], required=False,
        widget=_QuickSelect(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua status")), *InformationRequest.Status.choices], required=False,
        widget=_QuickSelect(attrs={"class": "form-select"}),
    )
    overdue = forms.BooleanField(
        label=_("Hanya yang melewati batas waktu"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    q = forms.CharField(label=_("Cari"), required=False, max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned
