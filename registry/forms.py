"""Forms of registry/: input checks only; the services decide and write."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ppid.hygiene import HygieneFormMixin

from .models import IdentityDocument, Requester
from .services import email_normalize
from .validators import validate_nik

PHONE_PATTERN = re.compile(r"\+?[0-9][0-9 \-]{5,20}")
ACCEPTED_UPLOADS = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"

ENTITY_FIELDS = ("entity_name", "deed_number", "deed_date")
LEGAL_ENTITY_FIELDS = ("decree_number", "representative_is_named_in_deed")

# Which document kinds each kind of requester may upload.
DOCUMENT_KINDS = {
    Requester.Kind.PERSON: (IdentityDocument.Kind.KTP,),
    Requester.Kind.LEGAL_ENTITY: (
        IdentityDocument.Kind.KTP,
        IdentityDocument.Kind.DEED,
        IdentityDocument.Kind.DECREE,
        IdentityDocument.Kind.POWER_OF_ATTORNEY,
    ),
    Requester.Kind.COMMUNITY_GROUP: (
        IdentityDocument.Kind.KTP,
        IdentityDocument.Kind.DEED,
        IdentityDocument.Kind.DOMICILE_LETTER,
        IdentityDocument.Kind.POWER_OF_ATTORNEY,
    ),
}


class LoginForm(HygieneFormMixin, AuthenticationForm):
    # Django's message names the username field ("Masukkan nama pengguna nama pengguna ..."); ours says it once.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Email, NIK atau nama pengguna dan kata sandi tidak cocok. Periksa kembali; huruf besar dan kecil pada kata sandi dibedakan."
        ),
    }
    username = forms.CharField(
        label=_("Email, NIK, atau nama pengguna petugas"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class EmailResendForm(HygieneFormMixin, forms.Form):
    email = forms.EmailField(label=_("Alamat email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class RequesterFieldsMixin:
    """Labels and checks shared by the registration, profile and desk forms, by kind of requester."""

    kind: str

    def setup_kind_fields(self):
        is_person = self.kind == Requester.Kind.PERSON
        if "nik" in self.fields:
            self.fields["nik"].required = True
            self.fields["nik"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": 16})
            self.fields["nik"].help_text = _("16 angka sesuai KTP.")
            if not is_person:
                self.fields["nik"].label = _("NIK wakil / penanggung jawab")
        if "full_name" in self.fields:
            self.fields["full_name"].required = True
            if not is_person:
                self.fields["full_name"].label = _("Nama wakil sesuai KTP")
        for name in ENTITY_FIELDS:
            if name in self.fields:
                if is_person:
                    del self.fields[name]
                else:
                    self.fields[name].required = True
        for name in LEGAL_ENTITY_FIELDS:
            if name in self.fields:
                if self.kind != Requester.Kind.LEGAL_ENTITY:
                    del self.fields[name]
                elif name == "decree_number":
                    self.fields[name].required = True
        if "deed_date" in self.fields:
            self.fields["deed_date"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        if "representative_is_named_in_deed" in self.fields:
            self.fields["representative_is_named_in_deed"].help_text = _(
                "Jika tidak, unggah surat kuasa dari badan hukum."
            )
        if "entity_name" in self.fields:
            self.fields["entity_name"].label = (
                _("Nama badan hukum") if self.kind == Requester.Kind.LEGAL_ENTITY else _("Nama kelompok / organisasi")
            )
        if "phone" in self.fields:
            self.fields["phone"].widget.attrs.setdefault("autocomplete", "tel")

    def clean_nik(self):
        nik = (self.cleaned_data.get("nik") or "").strip()
        validate_nik(nik)
        return nik

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not PHONE_PATTERN.fullmatch(phone):
            raise ValidationError(_("Nomor telepon hanya berisi angka, spasi, tanda - dan awalan +."), code="phone")
        return phone


class RegistrationForm(HygieneFormMixin, RequesterFieldsMixin, forms.ModelForm):
    email = forms.EmailField(label=_("Alamat email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Paling sedikit 8 karakter, tidak hanya angka, dan tidak mudah ditebak."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    class Meta:
        model = Requester
        fields = [
            "full_name", "nik", "entity_name", "deed_number", "deed_date", "decree_number",
            "representative_is_named_in_deed", "address", "occupation", "phone",
        ]

    def __init__(self, *args, kind: str, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)
        self.setup_kind_fields()
        self.order_fields(["email", "password1", "password2"])

    def clean_email(self):
        # Whether the address is known is never said here (the owner is told by email).
        return email_normalize(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", ValidationError(_("Kedua kata sandi tidak sama."), code="password_mismatch"))
        elif password1:
            probe = get_user_model()(email=cleaned.get("email") or "", first_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(password1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def _post_clean(self):
        # The model instance is built by the service; skip ModelForm's instance validation.
        pass

    def registration_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
        return {**data, "email": self.cleaned_data["email"], "password": self.cleaned_data["password1"], "kind": self.kind}


class ProfileForm(HygieneFormMixin, RequesterFieldsMixin, forms.ModelForm):
    """Contact data always; identity data only while the identity is not submitted or was rejected."""

    class Meta:
        model = Requester
        fields = [
            "full_name", "nik", "entity_name", "deed_number", "deed_date", "decree_number",
            "representative_is_named_in_deed", "address", "occupation", "phone",
        ]

    def __init__(self, *args, identity_editable: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = self.instance.kind
        if not identity_editable:
            for name in ("full_name", "nik", *ENTITY_FIELDS, *LEGAL_ENTITY_FIELDS):
                self.fields.pop(name, None)
        self.setup_kind_fields()

    def _post_clean(self):
        pass  # the service saves; the partial NIK constraint is checked there


class DocumentUploadForm(HygieneFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"))
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("JPEG, PNG atau PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_UPLOADS}),
    )

    def __init__(self, *args, requester: Requester, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = DOCUMENT_KINDS[requester.kind]
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        from django.template.defaultfilters import filesizeformat

        self.fields["file"].help_text = _("JPEG, PNG atau PDF, paling besar %(size)s.") % {"size": filesizeformat(max_bytes)}


class RejectionForm(HygieneFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan (dibaca oleh pemohon)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class DeskSearchForm(HygieneFormMixin, forms.Form):
    q = forms.CharField(label=_("NIK, nama, atau nomor telepon"), max_length=100, required=False)


class DeskRequesterForm(HygieneFormMixin, RequesterFieldsMixin, forms.ModelForm):
    class Meta:
        model = Requester
        fields = [
            "full_name", "nik", "entity_name", "deed_number", "deed_date", "decree_number",
            "representative_is_named_in_deed", "address", "occupation", "phone", "email",
        ]

    def __init__(self, *args, kind: str, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)
        self.setup_kind_fields()

    def _post_clean(self):
        pass  # the service checks the NIK among persons and saves
