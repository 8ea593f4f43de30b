"""Filing a keberatan: online by the requester, or at the desk on the requester's behalf.

One guard (``file_guard``) decides whether the page offers "Ajukan keberatan" and whether the POST
may go on; each claimed ground is then checked against the facts (``grounds.grounds_offered``) and
its own window, judged on the local date of submission. Registering takes the objection number
from the ``objection`` sequence in the same transaction (a rollback gives it back), writes the
deadlines through ``objections.services.deadlines`` and logs the filing and the registration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.codes import new_tracking_code
from ppid.law import ObjectionGround
from ppid.rules import ALLOWED, Verdict, actor_has_any, forbid, refuse, verdict_enforce
from ppid.sequences import next_register_number
from ppid.uploads import upload_clean
from ppid.workdays import OfficeCalendar
from requests.models import Channel, InformationRequest
from requests.services.access import actor_is_requester_of as actor_requested
from requests.services.access import request_in_scope
from requests.services.files import files_removed_on_failure, private_file_save
from requests.services.intake import backdate_needs_reason
from requests.services.transitions import lock_request

from ..events import ObjectionAction
from ..models import Objection, ObjectionEvent, ObjectionGroundClaim
from .access import DESK_PERMISSIONS
from .deadlines import objection_deadlines_recompute
from .grounds import GroundOffer, grounds_offered, stated_ground_offer
from .notify import received_notify

Status = InformationRequest.Status


@dataclass(frozen=True)
class GroundClaim:
    ground: str
    reason: str
    found_out_on: dt.date | None = None  # (b) only


def day_text(day: dt.date | None) -> str:
    return date_format(day, "l, j F Y") if day else "-"


def _offers_not_b(request, now) -> list[GroundOffer]:
    return [o for o in grounds_offered(request, submitted_at=now) if o.ground != ObjectionGround.B]


def file_guard(actor, request: InformationRequest, now: dt.datetime) -> Verdict:
    """The requester (online) or the desk (on the requester's behalf) files an objection to a registered request.

    Refused while another objection to the request is open, and when the facts give no ground beyond
    (b) or every such ground's window has closed (the reason says the last day).
    """
    if not actor_requested(actor, request):
        if not actor_has_any(actor, DESK_PERMISSIONS):
            return forbid()
        if not request_in_scope(actor, request):
            return forbid()
    if request.status == Status.INCOMPLETE or not request.register_number:
        return refuse(gettext_lazy("Permohonan belum diregister; keberatan diajukan atas permohonan yang sudah diregister."))
    if request.status == Status.WITHDRAWN:
        return refuse(gettext_lazy("Permohonan sudah dicabut."))
    open_one = request.objections.filter(status__in=Objection.OPEN_STATUSES).first()
    if open_one is not None:
        return refuse(
            gettext_lazy("Keberatan %(number)s atas permohonan ini masih dipertimbangkan atasan PPID.") % {"number": open_one}
        )
    offers = _offers_not_b(request, now)
    if not offers:
        if request.notice_due is not None:
            return refuse(
                gettext_lazy(
                    "Belum ada alasan keberatan: pemberitahuan tertulis belum diterbitkan dan batas waktunya (%(date)s) belum lewat."
                )
                % {"date": day_text(request.notice_due)}
            )
        return refuse(gettext_lazy("Belum ada alasan keberatan atas permohonan ini."))
    today = OfficeCalendar().local_date(now)
    if not any(o.in_time(today) for o in offers):
        last = max(o.window_closes for o in offers)
        return refuse(
            gettext_lazy("Batas waktu pengajuan keberatan sudah lewat: hari terakhir adalah %(date)s (UU KIP pasal 36 ayat 1).")
            % {"date": day_text(last)}
        )
    return ALLOWED


def _claims_checked(request, claims: list[GroundClaim], submitted_at: dt.datetime, calendar) -> list[tuple[GroundClaim, GroundOffer]]:
    if not claims:
        raise ValidationError({"grounds": _("Pilih sekurang-kurangnya satu alasan keberatan.")})
    offered = {o.ground: o for o in grounds_offered(request, submitted_at=submitted_at, calendar=calendar)}
    submitted_on = calendar.local_date(submitted_at)
    errors: dict[str, list[str]] = {}
    checked = []
    seen = set()
    for claim in claims:
        if claim.ground in seen:
            continue
        seen.add(claim.ground)
        if claim.ground not in offered:
            label = ObjectionGround(claim.ground).label if claim.ground in ObjectionGround.values else claim.ground
            errors.setdefault("grounds", []).append(_("Alasan “%(ground)s” tidak sesuai dengan keadaan permohonan ini.") % {"ground": label})
            continue
        if not claim.reason.strip():
            errors.setdefault(f"reason_{claim.ground}", []).append(_("Tuliskan alasan keberatan dengan kata-kata Anda."))
        offer = offered[claim.ground]
        if claim.ground == ObjectionGround.B:
            if claim.found_out_on is None:
                errors.setdefault("found_out_on", []).append(_("Isi tanggal Anda mengetahui informasi berkala tidak disediakan."))
                continue
            if claim.found_out_on > submitted_on:
                errors.setdefault("found_out_on", []).append(_("Tanggal mengetahui tidak boleh setelah tanggal pengajuan."))
                continue
            offer = stated_ground_offer(claim.found_out_on, calendar)
        if not offer.in_time(submitted_on):
            errors.setdefault(f"reason_{claim.ground}", []).append(
                _("Batas waktu keberatan atas alasan ini sudah lewat: hari terakhir adalah %(date)s.") % {"date": day_text(offer.window_closes)}
            )
            continue
        checked.append((claim, offer))
    if errors:
        raise ValidationError(errors)
    return checked


@files_removed_on_failure
@transaction.atomic
def objection_file(
    *,
    request_id: int,
    claims: list[GroundClaim],
    actor,
    now: dt.datetime,
    reasons: str = "",
    channel: str = Channel.ONLINE,
    submitted_at: dt.datetime | None = None,
    proxy_name: str = "",
    proxy_address: str = "",
    power_of_attorney=None,
    backdate_reason: str = "",
) -> Objection:
    """Record and register an objection; ``submitted_at`` is the true received moment (desk), else ``now``."""
    request = lock_request(request_id)
    verdict_enforce(file_guard(actor, request, now))
    calendar = OfficeCalendar()
    online = actor_requested(actor, request) and submitted_at is None
    submitted_at = submitted_at or now
    if submitted_at > now:
        raise ValidationError({"submitted_at": _("Waktu diterima tidak boleh di masa depan.")})
    backdate_reason = backdate_reason.strip()
    if backdate_needs_reason(received_at=submitted_at, now=now, calendar=calendar) and not backdate_reason:
        raise ValidationError(
            {"backdate_reason": _("Waktu diterima lebih dari %(days)s hari yang lalu: tuliskan alasan pencatatan mundur.")
             % {"days": settings.PPID_BACKDATE_LIMIT_DAYS}}
        )
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Pilih saluran pengajuan.")})
    proxy_name, proxy_address = proxy_name.strip(), proxy_address.strip()
    if proxy_name and power_of_attorney is None:
        raise ValidationError({"power_of_attorney": _("Keberatan melalui kuasa harus dilampiri surat kuasa.")})
    checked = _claims_checked(request, claims, submitted_at, calendar)
    clean = None
    if power_of_attorney is not None:
        try:
            clean = upload_clean(power_of_attorney)
        except ValidationError as error:
            raise ValidationError({"power_of_attorney": error.messages}) from error
    submitted_on = calendar.local_date(submitted_at)
    objection = Objection.objects.create(
        register_number=next_register_number(kind="objection", on=submitted_on),
        tracking_code=new_tracking_code(),
        request=request,
        requester=request.requester,
        proxy_name=proxy_name,
        proxy_address=proxy_address,
        reasons=reasons.strip(),  # the statement of the case, when given; each ground keeps its own reason
        channel=Channel.ONLINE if online else channel,
        submitted_at=submitted_at,
        received_by=None if online else actor,
        backdate_reason=backdate_reason,
    )
    ObjectionGroundClaim.objects.bulk_create(
        [
            ObjectionGroundClaim(
                objection=objection,
                ground=claim.ground,
                ground_date=offer.ground_date,
                window_closes=offer.window_closes,
                reason=claim.reason.strip(),
                basis=offer.basis,
            )
            for claim, offer in checked
        ]
    )
    if clean is not None:
        private_file_save(objection.power_of_attorney, f"surat-kuasa-{objection.pk}{clean.extension}", ContentFile(clean.content))
        objection.save(update_fields=["power_of_attorney"])
    objection_deadlines_recompute(objection, calendar=calendar, actor=actor)
    grounds = [claim.ground for claim, _offer in checked]
    ObjectionEvent.objects.create(
        objection=objection,
        action=ObjectionAction.FILED,
        actor=actor,
        note=backdate_reason,
        to_status=Objection.Status.REGISTERED,
        data={"channel": objection.channel, "grounds": grounds, "submitted_at": submitted_at.isoformat(), "proxy": bool(proxy_name)},
    )
    ObjectionEvent.objects.create(
        objection=objection,
        action=ObjectionAction.REGISTERED,
        actor=actor,
        data={"number": objection.register_number, "answer_due": objection.answer_due.isoformat()},
    )
    received_notify(objection)
    return objection
