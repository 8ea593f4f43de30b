"""The codes of a dispute's events, each with the label people read (stored as ObjectionEvent rows).

A dispute's events are written to its objection's log (``ObjectionEvent``) with the dispute's id in
``data["dispute"]``; ``note`` holds only a person's own words, everything the system adds is a
parameter in ``data``, put into words when shown (``dispute_event_detail``). Codes start with
``dispute_`` so that they never collide with the objection's own codes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DisputeAction(models.TextChoices):
    ESCALATED = "dispute_escalated", gettext_lazy("Pemohon mengajukan sengketa ke Komisi Informasi")
    OPENED = "dispute_opened", gettext_lazy("Sengketa dicatat petugas")
    REGISTERED = "dispute_registered", gettext_lazy("Sengketa diregistrasi Komisi Informasi")
    PRELIMINARY = "dispute_preliminary", gettext_lazy("Pemeriksaan awal")
    MEDIATION_STARTED = "dispute_mediation", gettext_lazy("Mediasi dimulai")
    MEDIATION_EXTENDED = "dispute_mediation_extended", gettext_lazy("Mediasi diperpanjang")
    ADJUDICATION_STARTED = "dispute_adjudication", gettext_lazy("Ajudikasi non-litigasi dimulai")
    DECIDED = "dispute_decided", gettext_lazy("Putusan atau kesepakatan mediasi dicatat")
    REOPENED = "dispute_request_reopened", gettext_lazy("Permohonan dibuka kembali untuk pemenuhan atas putusan")
    COURT_FILED = "dispute_court", gettext_lazy("Keberatan diajukan ke pengadilan")
    CASSATION_FILED = "dispute_cassation", gettext_lazy("Kasasi ke Mahkamah Agung")
    CLOSED = "dispute_closed", gettext_lazy("Sengketa selesai")
    HEARING_RECORDED = "dispute_hearing", gettext_lazy("Sidang dicatat")
    DOCUMENT_ADDED = "dispute_document", gettext_lazy("Dokumen sengketa diunggah")
    DEADLINE_CHANGED = "dispute_deadline_changed", gettext_lazy("Tenggat sengketa berubah")


DEADLINE_REASON_CALENDAR = "calendar_change"
DEADLINE_REASON_STAGE = "stage"


def _day(value) -> str:
    """An ISO date kept in the data, as the reader's long date ("-" for none)."""
    import datetime as dt

    from ppid.dates import long_date

    try:
        return long_date(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return "-"


def dispute_action_label(code: str) -> str:
    return str(DisputeAction(code).label) if code in DisputeAction.values else code


DEADLINE_FIELD_LABELS = {
    "mediation_due": gettext_lazy("batas mediasi"),
    "settlement_due": gettext_lazy("batas penyelesaian sengketa"),
}


def dispute_event_detail(action: str, data: dict) -> str:
    """The system's part of an event in the reader's language."""
    data = data or {}
    if action == DisputeAction.DEADLINE_CHANGED:
        parts = [
            f"{DEADLINE_FIELD_LABELS[name]}: {_day(data[name].get('from'))} → {_day(data[name].get('to'))}"
            for name in DEADLINE_FIELD_LABELS
            if isinstance(data.get(name), dict)
        ]
        if data.get("reason") == DEADLINE_REASON_CALENDAR:
            from ppid.services import CalendarChange

            detail = CalendarChange.describe(data.get("calendar") or {})
            parts.append(_("perubahan kalender kerja") + (f" ({detail})" if detail else ""))
        return "; ".join(parts)
    if action == DisputeAction.REGISTERED:
        return data.get("number", "")
    if action == DisputeAction.DECIDED and data.get("outcome_kind"):
        from .models import Dispute

        kind = data["outcome_kind"]
        return str(Dispute.OutcomeKind(kind).label) if kind in Dispute.OutcomeKind.values else kind
    if action == DisputeAction.COURT_FILED and data.get("court"):
        from .models import Dispute

        return str(Dispute.Stage(data["court"]).label) if data["court"] in Dispute.Stage.values else data["court"]
    if action in (DisputeAction.HEARING_RECORDED, DisputeAction.DOCUMENT_ADDED):
        return data.get("title", "")
    if action in (DisputeAction.ESCALATED, DisputeAction.OPENED) and data.get("filing_last_day"):
        return _("batas pengajuan %(day)s") % {"day": _day(data["filing_last_day"])}
    return ""
