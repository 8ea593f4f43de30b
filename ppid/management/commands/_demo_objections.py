"""Demo objections for load_demo: refused requests objected to through the real services, one only
registered, one with the Tim Pertimbangan's opinion asked, one answered by the Atasan PPID (the
refusal overturned and the request reopened for fulfilment)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from ppid.workdays import OfficeCalendar

DEMO_CASES = (
    # key, information wanted, what the Atasan has done so far
    ("demo-objection-registered", "Dokumen penawaran pemenang tender jalan kabupaten 2025", "registered"),
    ("demo-objection-opinion", "Hasil audit internal RSUD tahun 2025", "opinion"),
    ("demo-objection-answered", "Kontrak pengadaan alat kesehatan Dinas Kesehatan 2025", "answered"),
)


def demo_objections_load() -> None:
    from objections.services.answer import objection_answer, opinion_record
    from objections.services.filing import GroundClaim, objection_file
    from registry.models import Requester
    from requests.models import DeliveryMethod, InformationRequest, ObtainMethod
    from requests.services.decision import request_decide
    from requests.services.intake import request_submit_online
    from requests.services.review import review_record

    User = get_user_model()
    requester = Requester.objects.get(user__username="warga@contoh.id")
    reviewer, ppid, atasan = (User.objects.get(username=name) for name in ("klasifikasi", "ppid", "atasan"))
    now = timezone.now()
    # Submitted 15 working days ago at 10:00 office time, counted back by the engine like the dispute demo.
    calendar = OfficeCalendar()
    first_day = calendar.subtract_working_days(calendar.local_date(now), 15)

    def on(working_days: int) -> dt.datetime:
        """10:00 office time, this many working days after the submission (the engine counts them)."""
        day = calendar.add_working_days(first_day, working_days) if working_days else first_day
        return dt.datetime.combine(day, dt.time(10), tzinfo=calendar.timezone)

    start = on(0)
    for key, wanted, state in DEMO_CASES:
        if InformationRequest.objects.filter(idempotency_key=key).exists():
            continue
        request = request_submit_online(
            requester=requester, user=requester.user, information_wanted=wanted, purpose="Pengawasan anggaran oleh masyarakat",
            obtain_method=ObtainMethod.SOFT_COPY, delivery_method=DeliveryMethod.EMAIL, idempotency_key=key, now=start,
        )
        review_record(
            request_id=request.pk, outcome="exempt", legal_basis="pasal_17", exemption_letter="b", actor=reviewer,
            now=on(1),
            harm_test="Membuka dokumen ini merugikan persaingan usaha yang sehat.",
            public_interest_test="Kepentingan publik tidak lebih besar daripada kerugiannya.",
            considerations="Dokumen memuat rahasia dagang pihak ketiga.",
        )
        request_decide(request_id=request.pk, decision="refused", actor=ppid, now=on(2))
        objection = objection_file(
            request_id=request.pk,
            claims=[GroundClaim("a", "Informasi ini menyangkut penggunaan anggaran publik dan tidak dikecualikan.")],
            actor=requester.user,
            now=on(3),
        )
        if state in ("opinion", "answered"):
            opinion_record(
                objection_id=objection.pk, question="Apakah seluruh dokumen termasuk pasal 17 huruf b?",
                opinion="Hanya harga satuan yang dikecualikan." if state == "answered" else "",
                received_on=on(6).date() if state == "answered" else None,
                actor=atasan, now=on(6),
            )
        if state == "answered":
            objection_answer(
                objection_id=objection.pk, outcome="partly_upheld",
                body="Dokumen kontrak wajib diumumkan; hanya harga satuan yang dikecualikan.",
                ordered_decision="partly_granted", compliance_working_days=10, actor=atasan, now=on(8),
            )
