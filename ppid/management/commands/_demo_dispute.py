"""Demo data of the dispute desk: an objection taken to the Komisi Informasi, now in mediation, with a hearing.

Dates are counted back from today in working days, so the dispute is in mediation whenever the demo
is loaded. The request goes through the intake service; the objection and the Atasan's answer are
written as rows with the law's dates (ppid.deadlines); the dispute goes through the dispute services.
Loading twice keeps the first one.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

DEMO_REGISTRATION = "012/REG-PSI/DEMO"


def _at(day: dt.date, hour: int, calendar) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=calendar.timezone)


def demo_dispute() -> None:
    from objections.models import Answer, Dispute, Objection, ObjectionGroundClaim
    from objections.services import disputes
    from objections.services.dispute_records import hearing_record
    from ppid import deadlines
    from ppid.codes import new_tracking_code
    from ppid.workdays import OfficeCalendar
    from registry.models import Requester
    from requests.models import DeliveryMethod, ObtainMethod
    from requests.services.intake import request_submit_online

    if Dispute.objects.filter(ki_registration_number=DEMO_REGISTRATION).exists():
        return
    User = get_user_model()
    calendar = OfficeCalendar()
    now = timezone.now()
    today = calendar.local_date(now)

    def back(n: int) -> dt.date:
        return calendar.subtract_working_days(today, n)

    requester = Requester.objects.get(user__username="warga@contoh.id")
    desk, atasan = User.objects.get(username="sengketa"), User.objects.get(username="atasan")
    request = request_submit_online(
        requester=requester, user=requester.user,
        information_wanted="Dokumen kontrak pengadaan ambulans Dinas Kesehatan tahun 2025 beserta adendumnya",
        purpose="Pemantauan pengadaan barang dan jasa oleh lembaga swadaya masyarakat",
        obtain_method=ObtainMethod.SOFT_COPY, delivery_method=DeliveryMethod.EMAIL,
        idempotency_key="demo-dispute-1", now=_at(back(58), 9, calendar),
    )
    # No written notice came: ground (c) from the due date; the Atasan ordered an answer, none was given.
    submitted = _at(back(45), 10, calendar)
    receipt = calendar.receipt_date(submitted)
    objection = Objection.objects.create(
        register_number="0001/KEB/DEMO", tracking_code=new_tracking_code(), request=request, requester=requester, submitted_at=submitted, receipt_date=receipt,
        answer_due=deadlines.atasan_answer_due(receipt, calendar), status=Objection.Status.ANSWERED,
        reasons="Permohonan saya tidak ditanggapi sampai batas waktu pemberitahuan tertulis.",
    )
    ObjectionGroundClaim.objects.create(
        objection=objection, ground="c", ground_date=request.notice_due,
        window_closes=deadlines.objection_window_last_day(request.notice_due, calendar),
    )
    Answer.objects.create(
        objection=objection, outcome=Answer.Outcome.PARTLY_UPHELD, answered_by=atasan, answered_at=_at(back(21), 14, calendar),
        received_by_requester_on=back(20), atasan_name="Hendra Gunawan", atasan_position="Sekretaris Daerah",
        body="Keberatan diterima sebagian: PPID diperintahkan memberikan pemberitahuan tertulis dalam 7 hari kerja.",
        order_to_ppid="Terbitkan pemberitahuan tertulis atas permohonan ini.",
    )
    dispute = disputes.dispute_open(objection_id=objection.pk, filed_on=back(15), actor=desk, now=now,
                                    note="Pemohon mengajukan sengketa langsung ke Komisi Informasi Provinsi.")
    disputes.dispute_register(
        dispute_id=dispute.pk, level="provinsi", commission="Komisi Informasi Provinsi Contoh", number=DEMO_REGISTRATION,
        registered_on=back(12), actor=desk, now=now,
    )
    disputes.dispute_preliminary(dispute_id=dispute.pk, held_on=back(8), actor=desk, now=now)
    disputes.dispute_mediation_start(dispute_id=dispute.pk, started_on=back(3), actor=desk, now=now)
    hearing_record(
        dispute_id=dispute.pk, held_at=_at(back(3), 10, calendar), agenda="Mediasi pertama",
        place="Ruang mediasi Komisi Informasi Provinsi Contoh", attended_by="Atasan PPID (Hendra Gunawan), Dewi Lestari (sengketa), pemohon",
        minutes="Badan publik menyanggupi menyerahkan kontrak tanpa data pribadi penyedia; pemohon meminta waktu untuk menimbang.",
        actor=desk, now=now,
    )
