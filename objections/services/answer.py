"""The Atasan PPID's desk: the Tim Pertimbangan's opinion, the written answer, and the requester's acceptance.

The answer (tanggapan atasan PPID) upholds the objection (the PPID is overturned), in whole or in
part, or rejects it; it may order the information given, in part or in whole, with a number of
working days for the PPID to comply. It is due 30 working days after the objection's receipt date;
a late answer is accepted and recorded as late. An order to give information reopens the request
for fulfilment (``requests.services.lifecycle.request_reopen_for_fulfilment``); the PPID then hands
the information over as usual, and the ledger tracks it against the compliance deadline.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.rules import ALLOWED, Verdict, forbid, refuse, verdict_enforce
from ppid.sequences import next_register_number
from ppid.uploads import upload_clean
from ppid.workdays import OfficeCalendar
from requests.models import Decision
from requests.services.files import files_removed_on_failure, private_file_save
from requests.services.lifecycle import reopen_guard, request_reopen_for_fulfilment

from ..events import DEADLINE_REASON_ANSWER, ObjectionAction
from ..models import AdvisoryOpinion, Answer, Objection, ObjectionEvent
from .access import ANSWER_PERMISSIONS, actor_is_requester_of, staff_scope_verdict
from .deadlines import objection_deadlines_recompute
from .documents import answer_issue, answer_signatory, safe_number
from .notify import answered_notify

Status = Objection.Status
ORDERS = (Decision.GRANTED, Decision.PARTLY_GRANTED)
OVERTURNS = (Answer.Outcome.UPHELD, Answer.Outcome.PARTLY_UPHELD)
COMPLIANCE_MAX_WORKING_DAYS = 30


def lock_objection(objection_id: int) -> Objection:
    return Objection.objects.select_for_update(of=("self",)).select_related("request", "requester").get(pk=objection_id)


def _open_verdict(objection: Objection) -> Verdict | None:
    if objection.status not in Objection.OPEN_STATUSES:
        return refuse(
            gettext_lazy("Keberatan ini sudah %(status)s; tidak dapat dipertimbangkan lagi.")
            % {"status": objection.get_status_display().lower()}
        )
    return None


def opinion_guard(actor, objection: Objection, now: dt.datetime) -> Verdict:
    """The Atasan PPID records the Tim Pertimbangan's opinion while the objection awaits the answer."""
    return staff_scope_verdict(actor, objection, ANSWER_PERMISSIONS) or _open_verdict(objection) or ALLOWED


def answer_guard(actor, objection: Objection, now: dt.datetime) -> Verdict:
    """The Atasan PPID answers once; after the due date too (the answer is then recorded as late)."""
    return staff_scope_verdict(actor, objection, ANSWER_PERMISSIONS) or _open_verdict(objection) or ALLOWED


def accept_guard(actor, objection: Objection, now: dt.datetime) -> Verdict:
    """The requester accepts the answer, which closes the objection."""
    if not actor_is_requester_of(actor, objection):
        return forbid()
    if objection.status != Status.ANSWERED:
        if objection.status in Objection.OPEN_STATUSES:
            return refuse(gettext_lazy("Atasan PPID belum menjawab keberatan ini."))
        return refuse(gettext_lazy("Keberatan ini sudah %(status)s.") % {"status": objection.get_status_display().lower()})
    return ALLOWED


def _event(objection, action, *, actor, note="", data=None, from_status="", to_status=""):
    return ObjectionEvent.objects.create(
        objection=objection, action=action, actor=actor, note=note, data=data or {}, from_status=from_status, to_status=to_status
    )


@files_removed_on_failure
@transaction.atomic
def opinion_record(
    *, objection_id: int, question: str, actor, now: dt.datetime, opinion: str = "", received_on: dt.date | None = None, document=None
) -> AdvisoryOpinion:
    """Record a request for the Tim Pertimbangan's opinion, with the opinion and its document once given."""
    objection = lock_objection(objection_id)
    verdict_enforce(opinion_guard(actor, objection, now))
    calendar = OfficeCalendar()
    if not question.strip():
        raise ValidationError({"question": _("Tuliskan hal yang dimintakan pertimbangan.")})
    if received_on is not None and (received_on > calendar.local_date(now) or received_on < calendar.local_date(objection.submitted_at)):
        raise ValidationError({"received_on": _("Tanggal diterima harus antara tanggal keberatan dan hari ini.")})
    clean = None
    if document is not None:
        try:
            clean = upload_clean(document)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from error
    record = AdvisoryOpinion.objects.create(
        objection=objection,
        question=question.strip(),
        opinion=opinion.strip(),
        received_on=received_on,
        recorded_by=actor,
        recorded_at=now,
        document_name=getattr(document, "name", "") or "",
    )
    if clean is not None:
        private_file_save(record.document, f"pertimbangan-{objection.pk}-{record.pk}{clean.extension}", ContentFile(clean.content))
        record.save(update_fields=["document"])
    previous = objection.status
    if objection.status == Status.REGISTERED:
        objection.status = Status.IN_REVIEW
        objection.save(update_fields=["status"])
    _event(objection, ObjectionAction.OPINION_REQUESTED, actor=actor, note=record.question, from_status=previous, to_status=objection.status)
    if record.opinion or clean is not None:
        _event(objection, ObjectionAction.OPINION_RECEIVED, actor=actor, data={"received_on": received_on.isoformat() if received_on else None})
    return record


def _answer_validate(*, outcome, body, ordered_decision, compliance_working_days):
    errors = {}
    if outcome not in Answer.Outcome.values:
        errors["outcome"] = _("Pilih tanggapan atasan PPID.")
    if not body.strip():
        errors["body"] = _("Tuliskan pertimbangan dan isi tanggapan.")
    if ordered_decision:
        if ordered_decision not in ORDERS:
            errors["ordered_decision"] = _("Perintah hanya dapat memberikan informasi seluruhnya atau sebagian.")
        elif outcome not in OVERTURNS:
            errors["ordered_decision"] = _("Keberatan yang ditolak tidak memerintahkan PPID memberikan informasi.")
        if not compliance_working_days or not 1 <= compliance_working_days <= COMPLIANCE_MAX_WORKING_DAYS:
            errors["compliance_working_days"] = _("Isi jangka waktu pelaksanaan oleh PPID (1 sampai %(n)s hari kerja).") % {
                "n": COMPLIANCE_MAX_WORKING_DAYS
            }
    if errors:
        raise ValidationError(errors)


@files_removed_on_failure
@transaction.atomic
def objection_answer(
    *,
    objection_id: int,
    outcome: str,
    body: str,
    actor,
    now: dt.datetime,
    order_to_ppid: str = "",
    ordered_decision: str = "",
    compliance_working_days: int | None = None,
) -> Answer:
    """Issue the Atasan's written answer: numbered, signed, rendered, published to the requester."""
    objection = lock_objection(objection_id)
    verdict_enforce(answer_guard(actor, objection, now))
    _answer_validate(outcome=outcome, body=body, ordered_decision=ordered_decision, compliance_working_days=compliance_working_days)
    calendar = OfficeCalendar()
    answered_on = calendar.local_date(now)
    # Signed by the office (the Atasan PPID of the office settings on that day), never the user who clicked.
    signatory = answer_signatory(answered_on)
    answer = Answer.objects.create(
        objection=objection,
        number=next_register_number(kind="objection_answer", on=answered_on),
        outcome=outcome,
        body=body.strip(),
        order_to_ppid=order_to_ppid.strip(),
        ordered_decision=ordered_decision if ordered_decision in ORDERS else "",
        compliance_working_days=compliance_working_days if ordered_decision else None,
        consulted_advisory_team=objection.opinions.exists(),
        atasan_name=signatory.name,
        atasan_position=signatory.signing_position or str(_("Atasan PPID")),
        atasan_nip=signatory.nip,
        answered_by=actor,
        answered_at=now,
        # Published on the requester's page (and handed to them by the desk) on the day it is issued.
        received_by_requester_on=answered_on,
        is_late=objection.answer_due is not None and answered_on > objection.answer_due,
    )
    previous = objection.status
    objection.status = Status.ANSWERED
    objection.save(update_fields=["status"])
    objection.answer = answer
    objection_deadlines_recompute(objection, calendar=calendar, actor=actor, reason=DEADLINE_REASON_ANSWER)
    pdf, answer.document = answer_issue(answer=answer, calendar=calendar)
    private_file_save(answer.pdf, f"{safe_number(answer.number)}.pdf", ContentFile(pdf))
    answer.save(update_fields=["pdf", "document"])
    _event(
        objection,
        ObjectionAction.ANSWERED,
        actor=actor,
        from_status=previous,
        to_status=Status.ANSWERED,
        data={"number": answer.number, "outcome": outcome, "late": answer.is_late, "ordered_decision": answer.ordered_decision},
    )
    if answer.ordered_decision and reopen_guard(actor, objection.request, now).allowed:
        request_reopen_for_fulfilment(
            request_id=objection.request_id,
            decision=answer.ordered_decision,
            reason_code="objection_answer",
            reference=answer.number,
            actor=actor,
            now=now,
        )
        _event(objection, ObjectionAction.REQUEST_REOPENED, actor=actor, data={"request_number": objection.request.register_number})
    answered_notify(answer)
    return answer


@transaction.atomic
def objection_accept(*, objection_id: int, actor, now: dt.datetime, reply: str = "") -> Objection:
    """The requester accepts the Atasan's answer; the objection is closed (the reply goes into the register)."""
    objection = lock_objection(objection_id)
    verdict_enforce(accept_guard(actor, objection, now))
    answer = objection.answer
    answer.requester_reply = reply.strip() or str(_("Menerima tanggapan atasan PPID."))
    answer.save(update_fields=["requester_reply"])
    objection.status = Status.CLOSED
    objection.closed_at = now
    objection.save(update_fields=["status", "closed_at"])
    _event(objection, ObjectionAction.ACCEPTED, actor=actor, note=reply.strip(), from_status=Status.ANSWERED, to_status=Status.CLOSED)
    return objection
