"""The codes of an objection's event log, each with the label people read.

As for requests (requests/events.py): an event records what happened, after it happened; ``note``
holds only a person's own words, and what the system adds is kept as parameters in ``data`` and
put into words when shown (``event_detail``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ObjectionAction(models.TextChoices):
    FILED = "filed", gettext_lazy("Keberatan diajukan")
    REGISTERED = "registered", gettext_lazy("Dicatat dalam buku register keberatan")
    OPINION_REQUESTED = "opinion_requested", gettext_lazy("Pertimbangan Tim Pertimbangan diminta")
    OPINION_RECEIVED = "opinion_received", gettext_lazy("Pertimbangan Tim Pertimbangan diterima")
    ANSWERED = "answered", gettext_lazy("Tanggapan atasan PPID diterbitkan")
    ANSWER_EMAILED = "answer_emailed", gettext_lazy("Tanggapan atasan PPID dikirim lewat email")
    ANSWER_EMAIL_FAILED = "answer_email_failed", gettext_lazy("Pengiriman email tanggapan atasan PPID gagal")
    ANSWER_EMAIL_SKIPPED = "answer_email_skipped", gettext_lazy("Tanggapan atasan PPID tidak dikirim lewat email")
    NOTIFICATION_EMAILED = "notification_emailed", gettext_lazy("Pemberitahuan kepada pemohon dikirim lewat email")
    NOTIFICATION_EMAIL_FAILED = "notification_email_failed", gettext_lazy("Pengiriman email pemberitahuan kepada pemohon gagal")
    NOTIFICATION_EMAIL_SKIPPED = "notification_email_skipped", gettext_lazy("Pemberitahuan kepada pemohon tidak dikirim lewat email")
    REQUEST_REOPENED = "request_reopened", gettext_lazy("Permohonan dibuka kembali untuk pemenuhan informasi")
    ACCEPTED = "accepted", gettext_lazy("Pemohon menerima tanggapan atasan PPID")
    DEADLINE_CHANGED = "deadline_changed", gettext_lazy("Tenggat berubah")


# Why a deadline changed (stored as a code in the event's data).
DEADLINE_REASON_CALENDAR = "calendar_change"
DEADLINE_REASON_ANSWER = "answer"


def action_label(code: str) -> str:
    return str(ObjectionAction(code).label) if code in ObjectionAction.values else code


def event_detail(action: str, data: dict) -> str:
    """The system's part of an event, in the reader's language."""
    data = data or {}
    if action == ObjectionAction.FILED and data.get("channel"):
        from requests.models import Channel

        channel = data["channel"]
        text = str(Channel(channel).label) if channel in Channel.values else channel
        grounds = ", ".join(data.get("grounds") or [])
        return f"{text}; {_('alasan')} {grounds}" if grounds else text
    if action == ObjectionAction.REGISTERED:
        return data.get("number", "")
    if action == ObjectionAction.ANSWERED:
        from .models import Answer

        outcome = data.get("outcome", "")
        text = str(Answer.Outcome(outcome).label) if outcome in Answer.Outcome.values else outcome
        number = data.get("number", "")
        late = " (" + _("terlambat") + ")" if data.get("late") else ""
        return f"{number}: {text}{late}" if number else text + late
    if action in (ObjectionAction.ANSWER_EMAILED, ObjectionAction.NOTIFICATION_EMAILED):
        return data.get("to", "")
    if action in (ObjectionAction.ANSWER_EMAIL_SKIPPED, ObjectionAction.NOTIFICATION_EMAIL_SKIPPED):
        if data.get("reason") == "preference":
            return _("pemohon memilih tidak menerima email")
        if data.get("reason") == "no_address":
            return _("pemohon tidak punya alamat email")
    if action == ObjectionAction.REQUEST_REOPENED:
        return data.get("request_number", "")
    if action == ObjectionAction.DEADLINE_CHANGED:
        if data.get("reason") == DEADLINE_REASON_CALENDAR:
            from ppid.services import CalendarChange

            detail = CalendarChange.describe(data.get("calendar") or {})
            return _("perubahan kalender kerja") + (f" ({detail})" if detail else "")
        if data.get("reason") == DEADLINE_REASON_ANSWER:
            return _("tanggapan atasan PPID")
    return ""
