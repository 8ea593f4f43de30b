"""The codes of a request's event log, each with the label people read.

An event records what happened, after it happened. ``note`` holds only a person's own words (a
reason, a comment); everything the system adds is stored as parameters in ``data`` and put into
words when shown (``event_detail``), in the reader's language, never translated at write time.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class RequestAction(models.TextChoices):
    RECEIVED = "received", gettext_lazy("Permohonan diterima")
    COMPLETED = "completed", gettext_lazy("Permohonan dilengkapi")
    REGISTERED = "registered", gettext_lazy("Diregister")
    ASSIGNED = "assigned", gettext_lazy("Petugas ditugaskan")
    FORWARDED = "forwarded", gettext_lazy("Diteruskan ke unit")
    MATERIAL_RETURNED = "material_returned", gettext_lazy("Bahan dikembalikan unit")
    REVIEWED = "reviewed", gettext_lazy("Uji konsekuensi")
    MEETING_RECORDED = "meeting_recorded", gettext_lazy("Rapat koordinasi dicatat")
    EXTENDED = "extended", gettext_lazy("Jangka waktu diperpanjang")
    DEADLINE_CHANGED = "deadline_changed", gettext_lazy("Tenggat berubah")
    DECIDED = "decided", gettext_lazy("Diputuskan")
    NOTICE_ISSUED = "notice_issued", gettext_lazy("Pemberitahuan diterbitkan")
    NOTICE_EMAILED = "notice_emailed", gettext_lazy("Pemberitahuan dikirim lewat email")
    NOTICE_EMAIL_FAILED = "notice_email_failed", gettext_lazy("Pengiriman email pemberitahuan gagal")
    NOTICE_EMAIL_SKIPPED = "notice_email_skipped", gettext_lazy("Pemberitahuan tidak dikirim lewat email: pemohon tidak punya alamat email")
    NOTICE_RECEIVED = "notice_received", gettext_lazy("Pemberitahuan diterima pemohon")
    FULFILLED = "fulfilled", gettext_lazy("Informasi diserahkan")
    FULFILLED_AT_DESK = "fulfilled_at_desk", gettext_lazy("Diputuskan dan diserahkan di meja layanan")
    INFORMATION_EMAILED = "information_emailed", gettext_lazy("Informasi dikirim lewat email")
    INFORMATION_EMAIL_FAILED = "information_email_failed", gettext_lazy("Pengiriman email informasi gagal")
    INFORMATION_EMAIL_SKIPPED = "information_email_skipped", gettext_lazy("Informasi tidak dikirim lewat email: pemohon tidak punya alamat email")
    NOTIFICATION_EMAILED = "notification_emailed", gettext_lazy("Pemberitahuan kepada pemohon dikirim lewat email")
    NOTIFICATION_EMAIL_FAILED = "notification_email_failed", gettext_lazy("Pengiriman email pemberitahuan kepada pemohon gagal")
    NOTIFICATION_EMAIL_SKIPPED = "notification_email_skipped", gettext_lazy("Pemberitahuan kepada pemohon tidak dikirim lewat email")
    REOPENED = "reopened", gettext_lazy("Dibuka kembali untuk pemenuhan informasi")
    CLOSED = "closed", gettext_lazy("Ditutup")
    WITHDRAWN = "withdrawn", gettext_lazy("Dicabut")
    SURVEY_ANSWERED = "survey_answered", gettext_lazy("Survei kepuasan diisi")
    REMINDER_SENT = "reminder_sent", gettext_lazy("Pengingat tenggat dikirim")
    REMINDER_SKIPPED = "reminder_skipped", gettext_lazy("Pengingat tenggat tidak dikirim: petugas tidak punya alamat email")


# Why a deadline changed, stored as a code in the event's data.
DEADLINE_REASON_CALENDAR = "calendar_change"
DEADLINE_REASON_EXTENSION = "extension"


def action_label(code: str) -> str:
    """The label of an event code; a code from an older version keeps its code rather than vanish."""
    return str(RequestAction(code).label) if code in RequestAction.values else code


def deadline_reason_text(data: dict) -> str:
    reason = data.get("reason")
    if reason == DEADLINE_REASON_EXTENSION:
        return _("perpanjangan waktu")
    if reason == DEADLINE_REASON_CALENDAR:
        from ppid.services import CalendarChange

        detail = CalendarChange.describe(data.get("calendar") or {})
        return _("perubahan kalender kerja") + (f" ({detail})" if detail else "")
    return ""


def event_detail(action: str, data: dict) -> str:
    """The system's part of an event, put into words for the reader (the person's note is shown beside it)."""
    data = data or {}
    if action == RequestAction.RECEIVED and data.get("channel"):
        from .models import Channel

        channel = data["channel"]
        return str(Channel(channel).label) if channel in Channel.values else channel
    if action in (RequestAction.FORWARDED, RequestAction.MATERIAL_RETURNED):
        return data.get("unit_name", "")
    if action == RequestAction.DEADLINE_CHANGED:
        return deadline_reason_text(data)
    if action in (RequestAction.DECIDED,) and data.get("decision"):
        from .models import Decision

        text = str(Decision(data["decision"]).label) if data["decision"] in Decision.values else data["decision"]
        return text + (" (" + _("terlambat") + ")" if data.get("late") else "")
    if action == RequestAction.NOTICE_ISSUED:
        return data.get("number", "")
    if action == RequestAction.REVIEWED and data.get("outcome"):
        from .models import Review

        outcome = data["outcome"]
        return str(Review.Outcome(outcome).label) if outcome in Review.Outcome.values else outcome
    if action in (RequestAction.FULFILLED, RequestAction.FULFILLED_AT_DESK) and data.get("method"):
        from .models import DeliveryMethod

        method = data["method"]
        return str(DeliveryMethod(method).label) if method in DeliveryMethod.values else method
    if action in (RequestAction.NOTICE_EMAILED, RequestAction.INFORMATION_EMAILED, RequestAction.NOTIFICATION_EMAILED):
        return data.get("to", "")
    if data.get("reason") == "preference":
        return _("pemohon memilih tidak menerima email")
    if action == RequestAction.NOTICE_RECEIVED:
        received = data.get("received_on", "")
        return f"{received}; " + _("surat diterbitkan ulang dengan batas akhir keberatan") if data.get("reissued") else received
    if action == RequestAction.ASSIGNED:
        return data.get("to_name", "")
    return ""
