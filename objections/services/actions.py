"""The actions each objection page offers, each with its guard (ppid.rules.actions_available)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ppid.rules import Action

from .answer import accept_guard, answer_guard, opinion_guard
from .filing import file_guard

# The Atasan PPID's page of an objection.
ATASAN_ACTIONS = (
    Action("opinion", _("Catat pertimbangan Tim Pertimbangan"), "objections:opinion", opinion_guard),
    Action("answer", _("Beri tanggapan tertulis"), "objections:answer", answer_guard),
)
# The requester's page of an objection.
REQUESTER_ACTIONS = (Action("accept", _("Terima tanggapan atasan PPID"), "objections:mine-accept", accept_guard),)
# Offered on a request's pages (the object is the request).
FILE_ONLINE_ACTION = Action("object", _("Ajukan keberatan"), "objections:file-online", file_guard)
FILE_AT_DESK_ACTION = Action("object_at_desk", _("Catat keberatan pemohon"), "objections:file-desk", file_guard)


def file_url(action: Action, request) -> str:
    return reverse(action.url_name, args=[request.pk])
