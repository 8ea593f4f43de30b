"""Forms of the dispute desk and the requester's escalation. The rules live in objections.services.disputes."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.hygiene import HygieneFormMixin
from ppid.workdays import office_timezone

from .models import Dispute


def _date_field(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs)


def _note_field(label=_("Catatan"), required=False):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), required=required, max_length=4000)


class EscalateForm(HygieneFormMixin, forms.Form):
    note = _note_field(_("Alasan Anda (tidak wajib)"))
    confirm = forms.BooleanField(
        label=_("Saya menyatakan mengajukan permohonan penyelesaian sengketa informasi ke Komisi Informasi."), required=True
    )


class OpenForm(HygieneFormMixin, forms.Form):
    filed_on = _date_field(_("Tanggal permohonan sengketa diajukan pemohon ke Komisi Informasi"))
    note = _note_field()


class RegisterForm(HygieneFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Tingkat Komisi Informasi"), choices=Dispute.CommissionLevel.choices)
    commission = forms.CharField(label=_("Nama Komisi Informasi"), max_length=200)
    number = forms.CharField(label=_("Nomor registrasi sengketa"), max_length=100)
    registered_on = _date_field(_("Tanggal registrasi"))
    note = _note_field()


class StageDateForm(HygieneFormMixin, forms.Form):
    day = _date_field(_("Tanggal"))
    note = _note_field()


class NoteForm(HygieneFormMixin, forms.Form):
    note = _note_field()


class DecideForm(HygieneFormMixin, forms.Form):
    outcome_kind = forms.ChoiceField(label=_("Amar putusan / hasil mediasi"), choices=Dispute.OutcomeKind.choices, widget=forms.RadioSelect)
    number = forms.CharField(label=_("Nomor putusan atau akta kesepakatan mediasi"), max_length=100)
    decided_on = _date_field(_("Tanggal putusan"))
    summary = _note_field(_("Ringkasan amar"), required=True)


class CourtForm(HygieneFormMixin, forms.Form):
    court = forms.ChoiceField(
        label=_("Pengadilan"),
        choices=[(Dispute.Stage.ADMINISTRATIVE_COURT, _("PTUN (badan publik negara)")), (Dispute.Stage.DISTRICT_COURT, _("Pengadilan Negeri (badan publik selain negara)"))],
    )
    number = forms.CharField(label=_("Nomor perkara"), max_length=100)
    day = _date_field(_("Tanggal pengajuan"))
    note = _note_field()


class CassationForm(HygieneFormMixin, forms.Form):
    number = forms.CharField(label=_("Nomor perkara kasasi"), max_length=100)
    day = _date_field(_("Tanggal pengajuan kasasi"))
    note = _note_field()


class HearingForm(HygieneFormMixin, forms.Form):
    held_at = forms.DateTimeField(
        label=_("Waktu sidang (waktu kantor)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    agenda = forms.CharField(label=_("Agenda sidang"), max_length=300)
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    attended_by = forms.CharField(label=_("Yang hadir"), max_length=300)
    minutes = _note_field(_("Risalah sidang"), required=True)

    def clean_held_at(self):
        value = self.cleaned_data.get("held_at")
        if value is not None:
            value = timezone.make_aware(value.replace(tzinfo=None), office_timezone())
        return value


class DocumentForm(HygieneFormMixin, forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200)
    file = forms.FileField(label=_("Berkas (PDF, JPEG atau PNG)"))
