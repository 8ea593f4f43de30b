"""The table of requester notification kinds: what each says, where it links, what it attaches, who logs it.

An app emits a kind with ``ppid.notify.requester_notify`` inside its transaction; a kind that is
not registered here is ignored (logged), so an app may emit before its kinds are hooked. Adding a
kind is one ``register_requester_kind`` call (see docs/notifications.md). The text is the template
``templates/notifications/email/<code>.txt``: its first line is the subject, the rest the body,
always rendered in Indonesian.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

Attachment = tuple[str, bytes, "str | None"]


@dataclass(frozen=True)
class RequesterKind:
    code: str
    label: str  # shown in the requester's list of notifications
    item: Callable[[int], object] = lambda pk: None  # the item, for the template (``item``)
    link: Callable[[int], str] = lambda item_id: ""  # the requester's page of the item, from its id (a path)
    attachments: Callable[[object, dict], list[Attachment]] = lambda item, data: []
    logged: Callable[..., None] | None = None  # logged(item_id=, kind=, outcome=, data=): the item's event log
    template: str = field(default="")

    @property
    def template_name(self) -> str:
        return self.template or f"notifications/email/{self.code}.txt"


_kinds: dict[str, RequesterKind] = {}


def register_requester_kind(kind: RequesterKind) -> None:
    _kinds[kind.code] = kind


def requester_kind(code: str) -> RequesterKind | None:
    return _kinds.get(code)


def requester_kinds() -> list[RequesterKind]:
    return list(_kinds.values())


def _path(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# -- requests ------------------------------------------------------------------------------------
def _request(pk):
    from requests.models import InformationRequest

    return InformationRequest.objects.select_related("requester", "unit").get(pk=pk)


def _request_link(request_id: int) -> str:
    return _path("requests:mine-detail", request_id)


def _receipt(request, data) -> list[Attachment]:
    from requests.views.documents import receipt_pdf

    if not request.register_number:
        return []
    return [(f"tanda-bukti-{request.register_number.replace('/', '-')}.pdf", receipt_pdf(request), "application/pdf")]


def _notice(request, data) -> list[Attachment]:
    from requests.services.mail import notice_attachment

    return [notice_attachment(data["notice"])]


def _information(request, data) -> list[Attachment]:
    from requests.models import DeliveryMethod
    from requests.services.mail import information_attachments

    return information_attachments(request.pk) if data.get("method") == DeliveryMethod.EMAIL else []


def _request_logged(*, item_id, kind, outcome, data):
    from requests.services.mail import notification_logged

    notification_logged(request_id=item_id, kind=kind, outcome=outcome, data=data)


def _request_kind(code, label, attachments=lambda item, data: []) -> RequesterKind:
    return RequesterKind(code=code, label=label, item=_request, link=_request_link, attachments=attachments, logged=_request_logged)


# -- the requester's identity --------------------------------------------------------------------
def _requester(pk):
    from registry.models import Requester

    return Requester.objects.get(pk=pk)


def register_builtin_kinds() -> None:
    from objections.services import notify as objection_mail
    from registry.services.verification import IDENTITY_REJECTED, IDENTITY_VERIFIED
    from requests.services import mail

    for kind in (
        _request_kind(mail.RECEIVED, _("Permohonan diterima"), _receipt),
        _request_kind(mail.COMPLETED, _("Permohonan dilengkapi dan diregister"), _receipt),
        _request_kind(mail.FORWARDED, _("Permohonan diteruskan ke PPID Pembantu")),
        _request_kind(mail.EXTENDED, _("Jangka waktu diperpanjang"), _notice),
        _request_kind(mail.DECIDED, _("Pemberitahuan tertulis terbit"), _notice),
        _request_kind(mail.INFORMATION_SENT, _("Informasi diserahkan"), _information),
        RequesterKind(IDENTITY_VERIFIED, _("Identitas terverifikasi"), item=_requester, link=lambda pk: _path("requests:submit")),
        RequesterKind(IDENTITY_REJECTED, _("Verifikasi identitas ditolak"), item=_requester, link=lambda pk: _path("registry:profile")),
        _objection_kind(objection_mail.RECEIVED, _("Keberatan diterima"), objection_mail.receipt_attachment),
        _objection_kind(objection_mail.ANSWERED, _("Keberatan dijawab atasan PPID"), objection_mail.answer_attachment),
        _objection_kind(objection_mail.DISPUTE_RECORDED, _("Sengketa informasi dicatat")),
    ):
        register_requester_kind(kind)


# -- objections and disputes (the requester's objection page also shows the dispute) -------------
def _objection(pk):
    from objections.models import Objection

    return Objection.objects.select_related("request", "requester").filter(pk=pk).first()


def _objection_logged(*, item_id, kind, outcome, data):
    from objections.services.notify import notification_logged

    notification_logged(objection_id=item_id, kind=kind, outcome=outcome, data=data)


def _objection_kind(code, label, attachments=lambda item, data: []) -> RequesterKind:
    return RequesterKind(
        code=code, label=label, item=_objection, link=lambda pk: _path("objections:mine-detail", pk),
        attachments=attachments, logged=_objection_logged,
    )
