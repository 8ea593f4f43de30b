"""The escalation dossier as a background document (ppid.generated kinds registered in ObjectionsConfig.ready).

One kind for an objection's dossier (not yet disputed) and one for a dispute's. The builder asks the
same rules as the dispute desk's pages at build time: the owner must still view disputes and the
request behind it must still be in their scope (objections.selectors_disputes); otherwise the job fails
and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ppid.generated import FileKind, generated_file_kind_register

from .dispute_dossier import dossier_pdf
from .models import Dispute, Objection
from .selectors_disputes import staff_dispute, staff_objection
from .services.disputes import user_views_disputes

OBJECTION_DOSSIER = "objections.objection_dossier"
DISPUTE_DOSSIER = "objections.dispute_dossier"
# Whoever may open the dispute pages (either permission, as objections.services.disputes.user_views_disputes).
PERMISSION = ("objections.view_dispute", "objections.handle_dispute")


def dossier_case(*, user, kind: str, pk: int) -> tuple[Objection, Dispute | None]:
    """The objection and dispute of a dossier as this user may see them (404 outside their scope)."""
    if kind == DISPUTE_DOSSIER:
        dispute = staff_dispute(user=user, pk=pk)
        return dispute.objection, dispute
    return staff_objection(user=user, pk=pk), None


def dossier_filename(objection: Objection) -> str:
    return f"berkas-sengketa-{str(objection).replace('/', '-')}.pdf"


def _builder(kind: str):
    def build(*, owner, params: dict, output, progress) -> tuple[str, str]:
        if not user_views_disputes(owner):
            raise PermissionDenied
        objection, dispute = dossier_case(user=owner, kind=kind, pk=params["pk"])
        output.write(dossier_pdf(objection=objection, dispute=dispute, now=timezone.now(), progress=progress))
        return dossier_filename(objection), "application/pdf"

    return build


def dossier_file_kinds() -> None:
    generated_file_kind_register(
        FileKind(OBJECTION_DOSSIER, gettext_lazy("Berkas keberatan untuk Komisi Informasi (PDF)"), PERMISSION, _builder(OBJECTION_DOSSIER))
    )
    generated_file_kind_register(
        FileKind(DISPUTE_DOSSIER, gettext_lazy("Berkas sengketa informasi (PDF)"), PERMISSION, _builder(DISPUTE_DOSSIER))
    )
