"""The daily deadline sweep with the clock passed in: due soon, due today, overdue, holidays between;
one digest per officer, an overdue alert to the PPID, a unit's items to its staff; each told once."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification, OutgoingEmail, SweepRun
from notifications.sweep import deadline_sweep, sweep_horizon
from ppid.workdays import OfficeCalendar
from requests.models import InformationRequest
from tests.requests.processing_helpers import WIB, fast_password_hashing, make_request, staff  # noqa: F401

pytestmark = pytest.mark.django_db
# Wednesday 1 April 2026, 07:00 office time. Three working days ahead is Tuesday 7 April:
# Good Friday (3 April) and the weekend fall between.
NOW = dt.datetime(2026, 4, 1, 7, tzinfo=WIB)


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def due_on(day, **kwargs):
    request = make_request(**kwargs)
    InformationRequest.objects.filter(pk=request.pk).update(notice_due=day)
    return request


def sweep(now=NOW, capture=None):
    if capture is None:
        return deadline_sweep(now=now)
    with capture(execute=True):
        return deadline_sweep(now=now)


def test_the_horizon_counts_working_days_over_holidays():
    assert sweep_horizon(dt.date(2026, 4, 1), OfficeCalendar(), 3) == dt.date(2026, 4, 7)
    # Nyepi and four cuti bersama days around Idul Fitri: 17 March + 3 working days is 27 March.
    assert sweep_horizon(dt.date(2026, 3, 17), OfficeCalendar(), 3) == dt.date(2026, 3, 27)


def test_one_digest_per_officer_grouped_overdue_today_and_soon(office, people, mailoutbox, django_capture_on_commit_callbacks):
    officer = people["reviewer"]
    overdue = due_on(dt.date(2026, 3, 31), assignee=officer, unit=office["health"])
    today = due_on(dt.date(2026, 4, 1), assignee=officer, unit=office["health"])
    soon = due_on(dt.date(2026, 4, 7), assignee=officer, unit=office["health"])
    later = due_on(dt.date(2026, 4, 8), assignee=officer, unit=office["health"])
    run = sweep(capture=django_capture_on_commit_callbacks)
    assert run.items == 3
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {officer.email, people["ppid"].email, people["health"].email}
    digest = by_address[officer.email].body
    assert digest.index("TERLAMBAT") < digest.index(overdue.register_number) < digest.index("JATUH TEMPO HARI INI")
    assert digest.index(today.register_number) < digest.index("SEGERA JATUH TEMPO") < digest.index(soon.register_number)
    assert later.register_number not in digest
    assert "Selasa, 7 April 2026" in digest and "/permohonan/kelola/" in digest
    assert "1 terlambat" in by_address[officer.email].subject
    # The PPID hears of the overdue one only; the unit's staff of all three.
    alert = by_address[people["ppid"].email].body
    assert overdue.register_number in alert and today.register_number not in alert
    assert all(r.register_number in by_address[people["health"].email].body for r in (overdue, today, soon))
    assert not any(message.to == [people["education"].email] for message in mailoutbox)


def test_a_second_sweep_tells_nobody_again_and_a_new_stage_is_told_once(office, people, mailoutbox, django_capture_on_commit_callbacks):
    request = due_on(dt.date(2026, 4, 2), assignee=people["reviewer"])
    sweep(capture=django_capture_on_commit_callbacks)
    sweep(capture=django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[people["reviewer"].email]]
    next_day = NOW + dt.timedelta(days=1)
    sweep(now=next_day, capture=django_capture_on_commit_callbacks)  # due today now
    sweep(now=next_day, capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2 and "HARI INI" in mailoutbox[1].body
    assert Notification.objects.filter(item_id=request.pk).count() == 2
    assert SweepRun.objects.count() == 4


def test_items_without_a_deadline_in_reach_or_decided_are_not_swept(office, people, mailoutbox, django_capture_on_commit_callbacks):
    due_on(dt.date(2026, 4, 8), assignee=people["reviewer"])
    due_on(dt.date(2026, 3, 1), assignee=people["reviewer"], status=InformationRequest.Status.DECIDED)
    run = sweep(capture=django_capture_on_commit_callbacks)
    assert run.items == 0 and not mailoutbox


def test_an_officer_without_an_address_is_skipped_and_the_log_says_so(office, people, mailoutbox, django_capture_on_commit_callbacks, caplog):
    officer = people["reviewer"]
    officer.email = None
    officer.save()
    due_on(dt.date(2026, 4, 2), assignee=officer)
    sweep(capture=django_capture_on_commit_callbacks)
    email = OutgoingEmail.objects.get(recipient_user=officer)
    assert email.status == OutgoingEmail.Status.SKIPPED and email.skip_reason == "no_address"
    assert "skipped" in caplog.text
    assert not mailoutbox


def test_the_sweep_makes_the_same_number_of_queries_for_one_item_or_many(office, people, django_assert_num_queries):
    due_on(dt.date(2026, 3, 30), assignee=people["reviewer"], unit=office["health"])
    with CaptureQueriesContext(connection) as one:
        assert deadline_sweep(now=NOW).items == 1
    Notification.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    for index in range(30):
        unit = office["health"] if index % 2 else office["education"]
        due_on(dt.date(2026, 3, 30) + dt.timedelta(days=index % 5), assignee=people["reviewer" if index % 3 else "desk"], unit=unit)
    with django_assert_num_queries(len(one)):
        assert deadline_sweep(now=NOW).items == 31


def test_the_management_command_runs_the_sweep(office, people, capsys):
    due_on(dt.date(2026, 1, 5), assignee=people["reviewer"])
    call_command("send_deadline_reminders")
    assert "1 berkas" in capsys.readouterr().out
    assert SweepRun.objects.get().trigger == "command"


def test_the_lines_a_sweep_wrote_read_back_as_models(office, people):
    due_on(dt.date(2026, 3, 30), assignee=people["reviewer"])
    deadline_sweep(now=NOW)
    line = Notification.objects.get(recipient_user=people["reviewer"])
    assert line.created_at is not None and line.deadline == dt.date(2026, 3, 30)
    assert (line.kind, line.stage, line.role, line.data) == ("deadline", "overdue", "officer", {})
    assert line.email.recipient_user == people["reviewer"]


def test_objections_tell_the_atasan_and_disputes_the_dispute_desk(office, people, make_user, mailoutbox, django_capture_on_commit_callbacks):
    from objections.models import Dispute, Objection

    request = make_request(status=InformationRequest.Status.DECIDED)
    objection = Objection.objects.create(
        request=request, requester=request.requester, tracking_code="KEB-UJI-0001", register_number="0001/KEB-PPID/III/1990",
        reasons="Ditolak tanpa alasan", submitted_at=NOW - dt.timedelta(days=60), answer_due=dt.date(2026, 3, 31),
    )
    answered = Objection.objects.create(
        request=request, requester=request.requester, tracking_code="KEB-UJI-0002", reasons="x",
        submitted_at=NOW, answer_due=dt.date(2026, 3, 31), status=Objection.Status.ANSWERED,
    )
    Dispute.objects.create(objection=answered, filed_on=dt.date(2026, 3, 1), stage=Dispute.Stage.MEDIATION,
                           ki_registration_number="KI-7/2026", mediation_due=dt.date(2026, 4, 6), settlement_due=dt.date(2026, 8, 1))
    Dispute.objects.create(objection=answered, filed_on=dt.date(2026, 3, 1), stage=Dispute.Stage.ADJUDICATION,
                           ki_registration_number="KI-8/2026", mediation_due=dt.date(2026, 4, 6), settlement_due=dt.date(2026, 8, 1))
    desk = make_user("dispute_desk", unit=office["main"])
    run = sweep(capture=django_capture_on_commit_callbacks)
    assert run.items == 2  # the open objection and the dispute in mediation; the adjudication is due in August
    by_address = {m.to[0]: m.body for m in mailoutbox}
    assert objection.register_number in by_address[people["atasan"].email]
    assert "TERLAMBAT" in by_address[people["atasan"].email] and "jawaban atasan PPID" in by_address[people["atasan"].email]
    assert objection.register_number in by_address[people["ppid"].email]  # the overdue alert
    assert "KI-7/2026" in by_address[desk.email] and "KI-8/2026" not in by_address[desk.email]
    assert answered.tracking_code not in "".join(by_address.values())


def _overturned(people, index, *, compliance_due, fulfilled_at=None):
    from objections.models import Answer, Objection

    request = make_request(status=InformationRequest.Status.DECIDED, assignee=people["reviewer"])
    if fulfilled_at:
        InformationRequest.objects.filter(pk=request.pk).update(fulfilled_at=fulfilled_at)
    objection = Objection.objects.create(
        request=request, requester=request.requester, tracking_code=f"KEB-PTH-{index:04d}", register_number=f"{index:04d}/KEB-PPID/III/2026",
        reasons="x", submitted_at=NOW - dt.timedelta(days=50), status=Objection.Status.ANSWERED, compliance_due=compliance_due,
    )
    Answer.objects.create(
        objection=objection, number=f"{index:04d}/TAP-PPID/III/2026", outcome="upheld", body="x", ordered_decision="granted",
        compliance_working_days=5, atasan_name="Atasan", atasan_position="Sekretaris Daerah", answered_by=people["atasan"],
        answered_at=NOW - dt.timedelta(days=20),
    )
    return objection


def test_the_ppids_compliance_with_an_overturn_is_watched_with_links_to_the_real_pages(office, people, make_user, mailoutbox, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from objections.models import Dispute

    late = _overturned(people, 1, compliance_due=dt.date(2026, 3, 30))
    _overturned(people, 2, compliance_due=dt.date(2026, 3, 30), fulfilled_at=NOW - dt.timedelta(days=2))  # complied
    later = _overturned(people, 3, compliance_due=dt.date(2026, 5, 4))  # beyond the horizon
    dispute = Dispute.objects.create(objection=later, filed_on=dt.date(2026, 3, 1), stage=Dispute.Stage.MEDIATION,
                                     ki_registration_number="KI-9/2026", mediation_due=dt.date(2026, 4, 6), settlement_due=dt.date(2026, 8, 1))
    desk = make_user("dispute_desk", unit=office["main"])
    sweep(capture=django_capture_on_commit_callbacks)
    lines = Notification.objects.filter(item_type="overturn_compliance")
    assert set(lines.values_list("item_id", flat=True)) == {late.pk}
    by_address = {m.to[0]: m.body for m in mailoutbox}
    body = by_address[people["reviewer"].email]  # the request's assignee
    assert late.register_number in body and "pelaksanaan perintah atasan PPID" in body
    assert reverse("objections:detail", args=[late.pk]) in body
    assert late.register_number in by_address[people["atasan"].email]  # overdue: the Atasan PPID is told too
    assert reverse("disputes:detail", args=[dispute.pk]) in by_address[desk.email]
    assert "/admin/" not in "".join(by_address.values())


def test_the_sweep_queries_stay_constant_with_compliance_items(office, people, django_assert_num_queries):
    _overturned(people, 1, compliance_due=dt.date(2026, 3, 30))
    with CaptureQueriesContext(connection) as one:
        assert deadline_sweep(now=NOW).items == 1
    Notification.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    for index in range(2, 22):
        _overturned(people, index, compliance_due=dt.date(2026, 3, 30) + dt.timedelta(days=index % 5))
    with django_assert_num_queries(len(one)):
        assert deadline_sweep(now=NOW).items == 21
