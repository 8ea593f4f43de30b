"""The actions each page offers: every transition with its label, its confirmation page and its guard.

The page shows exactly the actions whose guard allows them (ppid.rules.actions_available), and the
service behind each confirmation page calls the same guard, so offered and enforced cannot drift.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ppid.rules import Action

from .decision import decide_guard
from .extension import extend_guard
from .forwarding import assign_guard, forward_guard, return_guard
from .fulfilment import desk_grant_guard, fulfil_guard
from .lifecycle import close_guard, withdraw_guard
from .notices import notice_receipt_guard
from .review import meeting_guard, review_guard

# The staff request page, in the order a request moves through the office.
STAFF_ACTIONS = (
    Action("assign", _("Tugaskan petugas"), "requests:processing-assign", assign_guard),
    Action("forward", _("Teruskan ke PPID Pembantu"), "requests:processing-forward", forward_guard),
    Action("review", _("Uji konsekuensi"), "requests:processing-review", review_guard),
    Action("meeting", _("Catat rapat koordinasi"), "requests:processing-meeting", meeting_guard),
    Action("extend", _("Perpanjang waktu"), "requests:processing-extend", extend_guard),
    Action("decide", _("Putuskan dan terbitkan pemberitahuan"), "requests:processing-decide", decide_guard),
    Action("desk_grant", _("Berikan langsung di meja layanan"), "requests:processing-desk-grant", desk_grant_guard),
    Action("fulfil", _("Catat penyerahan informasi"), "requests:processing-fulfil", fulfil_guard),
    Action("close", _("Tutup permohonan"), "requests:processing-close", close_guard),
    Action("withdraw", _("Catat pencabutan oleh pemohon"), "requests:processing-withdraw", withdraw_guard),
)
# Offered per forwarding and per notice on the same page.
RETURN_ACTION = Action("return", _("Kembalikan bahan dari unit"), "requests:processing-return", return_guard)
NOTICE_RECEIPT_ACTION = Action(
    "notice_receipt", _("Catat tanggal diterima pemohon"), "requests:processing-notice-received", notice_receipt_guard
)
# The requester's own request page.
REQUESTER_ACTIONS = (Action("withdraw", _("Cabut permohonan"), "requests:my-request-withdraw", withdraw_guard),)
