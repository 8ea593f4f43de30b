"""Input hygiene, one rule for every form of the project (``HygieneFormMixin``).

- Control characters (NUL and the rest of Unicode category Cc, except tab, line feed and carriage
  return) are refused with a clear message: PostgreSQL cannot store NUL, and the others have no
  business in a name, an address or a request.
- Every text field has a length limit: its own, or ``SHORT_TEXT_MAX_LENGTH`` for a one-line
  input and ``LONG_TEXT_MAX_LENGTH`` for a text area (what the printed forms and the register
  can hold).
- Bidirectional override and isolate characters are removed from every text value, so a name
  cannot turn itself around on screen or on paper ("Trojan Source").

Search boxes read from GET go through a form with the mixin too (e.g. ``ppid.forms.DipSearchForm``).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

SHORT_TEXT_MAX_LENGTH = 255
LONG_TEXT_MAX_LENGTH = 2000
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, LF and CR stay allowed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL_MESSAGE = _("Teks berisi karakter kontrol yang tidak diizinkan (misalnya karakter NUL). Hapus lalu kirim ulang.")


def text_has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


def validate_no_control_characters(value) -> None:
    if isinstance(value, str) and text_has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def bidi_neutralise(value: str) -> str:
    return BIDI_CONTROLS.sub("", value) if value else value


class HygieneFormMixin:
    """Mix into every form (before forms.Form / forms.ModelForm): control characters refused,
    a length limit on every text field, bidi overrides removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                hygiene_apply(field)

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = bidi_neutralise(value)


def hygiene_apply(field: forms.CharField) -> None:
    if validate_no_control_characters not in field.validators:
        field.validators.append(validate_no_control_characters)
    if field.max_length is None:
        field.max_length = LONG_TEXT_MAX_LENGTH if isinstance(field.widget, forms.Textarea) else SHORT_TEXT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(field.max_length))
        if not field.widget.is_hidden:
            field.widget.attrs.setdefault("maxlength", str(field.max_length))
