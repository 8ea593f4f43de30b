"""The actions the dispute page offers, each with its confirmation page and its guard (ppid.rules)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ppid.rules import Action

from .dispute_records import document_guard, hearing_guard
from .disputes import (
    adjudication_guard,
    cassation_guard,
    close_guard,
    court_guard,
    decide_guard,
    escalate_guard,
    mediation_extend_guard,
    mediation_guard,
    open_guard,
    preliminary_guard,
    register_guard,
)

# The dispute page, in the order of Perki 1/2013.
DISPUTE_ACTIONS = (
    Action("register", _("Catat registrasi Komisi Informasi"), "disputes:register", register_guard),
    Action("preliminary", _("Catat pemeriksaan awal"), "disputes:preliminary", preliminary_guard),
    Action("mediation", _("Mulai mediasi"), "disputes:mediation", mediation_guard),
    Action("mediation_extend", _("Perpanjang mediasi 7 hari kerja"), "disputes:mediation-extend", mediation_extend_guard),
    Action("adjudication", _("Mulai ajudikasi"), "disputes:adjudication", adjudication_guard),
    Action("hearing", _("Catat sidang"), "disputes:hearing", hearing_guard),
    Action("document", _("Unggah dokumen"), "disputes:document-add", document_guard),
    Action("decide", _("Catat putusan atau kesepakatan mediasi"), "disputes:decide", decide_guard),
    Action("court", _("Catat keberatan ke PTUN / Pengadilan Negeri"), "disputes:court", court_guard),
    Action("cassation", _("Catat kasasi ke Mahkamah Agung"), "disputes:cassation", cassation_guard),
    Action("close", _("Selesaikan sengketa"), "disputes:close", close_guard),
)
# On an objection: the requester's own action (their panel), and the desk's (the queue).
ESCALATE_ACTION = Action("escalate", _("Ajukan sengketa ke Komisi Informasi"), "disputes:escalate", escalate_guard)
OPEN_ACTION = Action("open", _("Catat sengketa"), "disputes:open", open_guard)
