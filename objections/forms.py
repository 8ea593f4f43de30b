"""Forms of objections. They collect input; the rules live in objections.services."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ppid.hygiene import HygieneFormMixin, hygiene_apply
from ppid.law import ObjectionGround
from ppid.workdays import office_timezone
from requests.models import Channel, Decision

from .models import Answer, Objection
from .services.filing import GroundClaim
from .services.grounds import GroundOffer

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def errors_apply(form: forms.Form, error) -> None:
    """A service's ValidationError onto the form: known fields get theirs, the rest go to the top."""
    mapping = getattr(error, "message_dict", None) or {None: error.messages}
    for field, messages in mapping.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class ObjectionForm(HygieneFormMixin, forms.Form):
    """One checkbox and one reason per ground the facts allow (``offers``); (b) with the date stated."""

    reasons = forms.CharField(
        label=_("Kasus posisi (opsional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("Uraian singkat peristiwanya, bila perlu melengkapi alasan di atas."),
    )

    def __init__(self, *args, offers: list[GroundOffer], **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = offers
        fields = {}
        for offer in offers:
            help_text = ""
            if offer.window_closes:
                help_text = _("Batas pengajuan: %(date)s (30 hari kerja sejak %(basis)s, %(start)s).") % {
                    "date": date_format(offer.window_closes, "l, j F Y"),
                    "basis": offer.basis_label,
                    "start": date_format(offer.ground_date, "j F Y"),
                }
            fields[f"ground_{offer.ground}"] = forms.BooleanField(label=offer.label, required=False, help_text=help_text)
            if offer.ground == ObjectionGround.B:
                fields["found_out_on"] = forms.DateField(
                    label=_("Tanggal Anda mengetahui informasi berkala tidak disediakan"), widget=DATE_INPUT, required=False
                )
            fields[f"reason_{offer.ground}"] = forms.CharField(
                label=_("Alasan %(ground)s dengan kata-kata Anda") % {"ground": offer.ground},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=3000,
            )
        for name, field in fields.items():
            self.fields[name] = field
            if isinstance(field, forms.CharField):
                hygiene_apply(field)  # fields added after HygieneFormMixin.__init__ ran
        self.order_fields([*fields, "reasons"])

    def claims(self) -> list[GroundClaim]:
        data = self.cleaned_data
        return [
            GroundClaim(
                ground=offer.ground,
                reason=data.get(f"reason_{offer.ground}") or "",
                found_out_on=data.get("found_out_on") if offer.ground == ObjectionGround.B else None,
            )
            for offer in self.offers
            if data.get(f"ground_{offer.ground}")
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"ground_{offer.ground}") for offer in self.offers):
            raise forms.ValidationError(_("Pilih sekurang-kurangnya satu alasan keberatan."))
        for offer in self.offers:
            if cleaned.get(f"ground_{offer.ground}") and not (cleaned.get(f"reason_{offer.ground}") or "").strip():
                self.add_error(f"reason_{offer.ground}", _("Tuliskan alasan keberatan dengan kata-kata Anda."))
        return cleaned


class DeskObjectionForm(ObjectionForm):
    """At the desk: any channel, the true received moment, a proxy with the power of attorney."""

    channel = forms.ChoiceField(label=_("Saluran"), choices=Channel.choices, initial=Channel.WALK_IN)
    received_on = forms.DateField(label=_("Tanggal diterima"), widget=DATE_INPUT)
    received_time = forms.TimeField(
        label=_("Jam diterima (waktu kantor)"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    backdate_reason = forms.CharField(label=_("Alasan pencatatan mundur"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    proxy_name = forms.CharField(label=_("Nama kuasa (bila diajukan melalui kuasa)"), required=False, max_length=200)
    proxy_address = forms.CharField(label=_("Alamat kuasa"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000)
    power_of_attorney = forms.FileField(label=_("Surat kuasa (PDF, JPEG atau PNG)"), required=False)

    def __init__(self, *args, now: dt.datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        head = ["channel", "received_on", "received_time", "backdate_reason"]
        tail = ["proxy_name", "proxy_address", "power_of_attorney"]
        self.order_fields([*head, *[n for n in self.fields if n not in head + tail], *tail])
        if not self.is_bound:
            local = timezone.localtime(now or timezone.now(), office_timezone())
            self.initial.setdefault("received_on", local.date())
            self.initial.setdefault("received_time", local.time().replace(second=0, microsecond=0))

    def received_at(self) -> dt.datetime:
        naive = dt.datetime.combine(self.cleaned_data["received_on"], self.cleaned_data["received_time"])
        return timezone.make_aware(naive, office_timezone())


class MomentForm(HygieneFormMixin, forms.Form):
    """Only the desk's received moment, read first to know which grounds to offer."""

    received_on = forms.DateField(widget=DATE_INPUT)
    received_time = forms.TimeField()


class OpinionForm(HygieneFormMixin, forms.Form):
    question = forms.CharField(label=_("Hal yang dimintakan pertimbangan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    opinion = forms.CharField(label=_("Pertimbangan Tim Pertimbangan (bila sudah diterima)"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=10000)
    received_on = forms.DateField(label=_("Pertimbangan diterima pada"), widget=DATE_INPUT, required=False)
    document = forms.FileField(label=_("Dokumen pertimbangan (PDF, JPEG atau PNG)"), required=False)


class AnswerForm(HygieneFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Tanggapan atasan PPID"), choices=Answer.Outcome.choices, widget=forms.RadioSelect)
    body = forms.CharField(label=_("Pertimbangan dan isi tanggapan"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    ordered_decision = forms.ChoiceField(
        label=_("Perintahkan PPID memberikan informasi"),
        choices=[("", _("— tidak ada perintah memberikan informasi —")), (Decision.GRANTED, _("seluruhnya")), (Decision.PARTLY_GRANTED, _("sebagian"))],
        required=False,
    )
    compliance_working_days = forms.IntegerField(
        label=_("Jangka waktu pelaksanaan oleh PPID (hari kerja)"), min_value=1, max_value=30, required=False, initial=10
    )
    order_to_ppid = forms.CharField(label=_("Perintah lain kepada PPID"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)


class AcceptForm(HygieneFormMixin, forms.Form):
    reply = forms.CharField(label=_("Tanggapan Anda (opsional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class RegisterFilterForm(HygieneFormMixin, forms.Form):
    date_from = forms.DateField(label=_("Dari tanggal"), widget=DATE_INPUT, required=False)
    date_to = forms.DateField(label=_("Sampai tanggal"), widget=DATE_INPUT, required=False)
    ground = forms.ChoiceField(label=_("Alasan"), choices=[("", _("Semua")), *ObjectionGround.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua")), *Objection.Status.choices], required=False)
    overdue = forms.BooleanField(label=_("Hanya yang lewat batas jawaban"), required=False)
    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
