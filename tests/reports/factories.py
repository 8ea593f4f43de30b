"""The hand-counted month (October 2025, no holidays on a weekday) behind the report tests.

Every number expected by tests/reports/test_figures.py is counted by hand from the table in
``october_world``'s docstring; objections and disputes are made here directly from their models'
fields (objections/models.py), as the reports read them.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from objections.models import Answer, Dispute, Objection, ObjectionGroundClaim
from ppid.codes import new_tracking_code
from reports.models import SatisfactionSurvey
from requests.models import InformationRequest, RequestEvent, Review
from requests.services.deadlines import request_deadlines_recompute
from tests.registry.factories import RequesterFactory
from tests.requests.factories import InformationRequestFactory

WIB = ZoneInfo("Asia/Jakarta")
Status = InformationRequest.Status


def at(day: str, time: str = "09:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=WIB)


def make_request(unit, received, *, channel="online", kind="person", **fields):
    requester = RequesterFactory(kind=kind, entity_name="Yayasan Contoh" if kind != "person" else "")
    request = InformationRequestFactory(requester=requester, unit=unit, channel=channel, received_at=received)
    notice_due = fields.pop("notice_due", None)
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()
    request_deadlines_recompute(request)  # an extension moves the due date
    if notice_due:
        InformationRequest.objects.filter(pk=request.pk).update(notice_due=notice_due)
        request.notice_due = notice_due
    return request


def review(request, user, letter):
    return Review.objects.create(
        request=request, outcome=Review.Outcome.EXEMPT, legal_basis=Review.LegalBasis.PASAL_17, exemption_letter=letter,
        harm_test="uji", reviewer=user,
    )


def objection(request, submitted, grounds, *, answer_due):
    made = Objection.objects.create(
        tracking_code=new_tracking_code(), request=request, requester=request.requester, reasons="alasan",
        submitted_at=submitted, status=Objection.Status.REGISTERED, receipt_date=submitted.date(), answer_due=answer_due,
    )
    for ground in grounds:
        ObjectionGroundClaim.objects.create(objection=made, ground=ground, ground_date=submitted.date(), window_closes=answer_due)
    return made


def answer(made, user, outcome, answered, *, late=False):
    return Answer.objects.create(
        objection=made, outcome=outcome, body="jawaban", atasan_name="Atasan", atasan_position="Sekda",
        answered_by=user, answered_at=answered, is_late=late,
    )


def october_world(office, user):
    """Requests (unit: U = PPID Utama, H = Dinas Kesehatan), October 2025:

    | req | received (WIB)      | channel | kind  | unit | what happened                                  | working days |
    |-----|---------------------|---------|-------|------|------------------------------------------------|--------------|
    | R1  | Wed 1 Oct 09:00     | online  | person| U    | granted Wed 8 Oct (due 15 Oct)                 | 5, on time   |
    | R2  | Thu 2 Oct 10:00     | walk_in | legal | U    | refused (pasal 17 h) Thu 16 Oct (due 16 Oct)   | 10, on time  |
    | R3  | Mon 6 Oct 08:30     | email   | person| H    | extended, partly (17 a) Tue 28 Oct (due 29 Oct)| 16, extended |
    | R4  | Tue 7 Oct 09:00     | phone   | person| U    | granted Thu 23 Oct (due 21 Oct)                | 12, late     |
    | R5  | Mon 20 Oct 09:00    | letter  | group | U    | withdrawn Wed 22 Oct                           |              |
    | R6  | Mon 27 Oct 09:00    | online  | person| U    | open (due 10 Nov)                              |              |
    | R7  | Thu 30 Oct 15:00    | online  | person| H    | granted Wed 5 Nov (crosses months)             | 4, on time   |
    | R8  | Mon 15 Sep 09:00    | online  | person| U    | decided Mon 3 Nov: open and overdue at Oct end |  (September) |
    | R9  | Fri 31 Oct 20:00    | online  | person| U    | open (counted from Mon 3 Nov)                  |              |
    | R10 | Sat 1 Nov 00:30     | online  | person| U    | November (17:30 UTC on 31 Oct)                 |              |

    Objections: O1 on R2 (submitted 20 Oct, grounds a and g, rejected on time), O2 on R2 (27 Oct,
    ground a, not answered), O3 on R4 (24 Oct, ground g, upheld late). Disputes: D1 from O1 filed
    29 Oct at mediation; D2 from O3 filed 30 Sep (September). Surveys: R1 sangat puas (10 Oct),
    R2 tidak puas at the desk (17 Oct), R7 puas (6 Nov, November).
    """
    main, health = office["main"], office["health"]
    d = dt.date
    r = {}
    r[1] = make_request(main, at("2025-10-01"), status=Status.CLOSED, decision="granted", decided_at=at("2025-10-08", "10:00"))
    r[2] = make_request(main, at("2025-10-02", "10:00"), channel="walk_in", kind="legal_entity", status=Status.DECIDED,
                        decision="refused", decided_at=at("2025-10-16", "14:00"))
    review(r[2], user, "h")
    r[3] = make_request(health, at("2025-10-06", "08:30"), channel="email", status=Status.DECIDED, decision="partly_granted",
                        extended_at=at("2025-10-17"), decided_at=at("2025-10-28", "11:00"))
    review(r[3], user, "a")
    r[4] = make_request(main, at("2025-10-07"), channel="phone", status=Status.FULFILLED, decision="granted",
                        decided_at=at("2025-10-23"), notice_due=d(2025, 10, 21))
    r[5] = make_request(main, at("2025-10-20"), channel="letter", kind="community_group", status=Status.WITHDRAWN)
    RequestEvent.objects.filter(request=r[5]).delete()
    event = RequestEvent.objects.create(request=r[5], action="withdrawn", from_status="registered", to_status="withdrawn")
    RequestEvent.objects.filter(pk=event.pk).update(at=at("2025-10-22"))
    r[6] = make_request(main, at("2025-10-27"))
    r[7] = make_request(health, at("2025-10-30", "15:00"), status=Status.DECIDED, decision="granted", decided_at=at("2025-11-05"))
    r[8] = make_request(main, at("2025-09-15"), status=Status.DECIDED, decision="granted", decided_at=at("2025-11-03"))
    r[9] = make_request(main, at("2025-10-31", "20:00"))
    r[10] = make_request(main, at("2025-11-01", "00:30"))
    # Not registered: never counted.
    InformationRequestFactory(requester=RequesterFactory(), unit=main, received_at=at("2025-10-10"), register_number=None,
                              status=Status.INCOMPLETE)
    o1 = objection(r[2], at("2025-10-20"), ["a", "g"], answer_due=d(2025, 12, 2))
    answer(o1, user, Answer.Outcome.REJECTED, at("2025-10-27"))
    objection(r[2], at("2025-10-27"), ["a"], answer_due=d(2025, 12, 8))
    o3 = objection(r[4], at("2025-10-24"), ["g"], answer_due=d(2025, 10, 30))
    answer(o3, user, Answer.Outcome.UPHELD, at("2025-10-31"), late=True)
    Dispute.objects.create(objection=o1, filed_on=d(2025, 10, 29), stage=Dispute.Stage.MEDIATION)
    Dispute.objects.create(objection=o3, filed_on=d(2025, 9, 30), stage=Dispute.Stage.DECIDED, outcome="Dikabulkan", decided_on=d(2025, 10, 20))
    SatisfactionSurvey.objects.create(request=r[1], rating="sangat_puas", source="online", answered_at=at("2025-10-10"))
    SatisfactionSurvey.objects.create(request=r[2], rating="tidak_puas", source="desk", recorded_by=user, answered_at=at("2025-10-17"))
    SatisfactionSurvey.objects.create(request=r[7], rating="puas", source="online", answered_at=at("2025-11-06"))
    assert timezone.is_aware(r[10].received_at)
    return r
