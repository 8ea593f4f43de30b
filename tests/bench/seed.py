"""Seeds the benchmark database in bulk: PPID_BENCH_ROWS requests (default 100,000) over 40 months,
with requesters, reviews, notices, extensions, and objections through a hook once that app has them.

About 2,500 requests a month; the old ones are decided or closed, a few are stuck past their due
date, the last weeks still await their notice. Deadlines come from the office calendar.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import transaction

from ppid import law
from ppid.models import Unit, User
from ppid.workdays import OfficeCalendar
from registry.models import Requester
from requests.models import Channel, Decision, DeliveryMethod, InformationRequest, Notice, ObtainMethod, Review
from requests.services.register_columns import register_columns_refresh

ROWS = int(os.environ.get("PPID_BENCH_ROWS", "100000"))
WIB = ZoneInfo("Asia/Jakarta")
START = dt.datetime(2023, 8, 1, 8, 0, tzinfo=WIB)
STEP = dt.timedelta(minutes=17)  # spacing of the seeded moments, not a legal period
BATCH = 5000
NOW = START + STEP * ROWS + dt.timedelta(days=2)  # the moment the benchmark pretends it is
Status = InformationRequest.Status
WORDS = ("anggaran", "pengadaan", "izin", "laporan", "kontrak", "jalan", "sekolah", "puskesmas", "bantuan", "tender")
# Objections are built in objections/; once a module tests/objections/bench_seed.py with
# seed(context) exists, it is called here with the seeded requests (a hook, not an import).
OBJECTIONS_SEED_MODULE = "tests.objections.bench_seed"


@dataclass
class SeedContext:
    """What the hooks get: the office, the staff, and the ids and kinds of the seeded requests."""

    units: dict
    officer: User
    refused_ids: list[int] = field(default_factory=list)
    decided_ids: list[int] = field(default_factory=list)
    now: dt.datetime = NOW


def seeded_count() -> int:
    return InformationRequest.objects.filter(tracking_code__startswith="B").count()


def bench_seed(rows: int = ROWS) -> SeedContext:
    """Idempotent: a database that already holds the seed is reused."""
    units = _units()
    officer = _officer(units["main"])
    context = SeedContext(units=units, officer=officer)
    if seeded_count() >= rows:
        return context
    random.seed(14)
    with transaction.atomic():
        requesters = _requesters(2000)
        _requests(context, rows, requesters)
        _hooks(context)
    return context


def _units():
    main, _ = Unit.objects.get_or_create(code="ppid-utama", defaults={"name": "PPID Utama", "kind": Unit.Kind.MAIN})
    units = {"main": main}
    for code, name in (("dinkes", "Dinas Kesehatan"), ("disdik", "Dinas Pendidikan"), ("bappeda", "Bappeda")):
        units[code], _ = Unit.objects.get_or_create(code=code, defaults={"name": name, "parent": main})
    return units


def _officer(unit):
    for username, role in (("bench-meja", "desk_officer"), ("bench-ppid", "ppid")):
        officer, created = User.objects.get_or_create(username=username, defaults={"unit": unit, "first_name": "Petugas"})
        if created:
            officer.groups.add(Group.objects.get(name=role))
    return officer


def _requesters(count):
    Requester.objects.bulk_create(
        [
            Requester(
                kind=Requester.Kind.PERSON if n % 10 else Requester.Kind.LEGAL_ENTITY,
                full_name=f"Pemohon Bench {n}",
                entity_name="" if n % 10 else f"Yayasan Bench {n}",
                address=f"Jl. Merdeka No. {n}, Kabupaten Contoh",
                occupation="Wiraswasta",
                phone=f"+62812{n:07d}",
                email=f"pemohon{n}@contoh.id",
                verification_status=Requester.Verification.VERIFIED,
            )
            for n in range(count)
        ],
        batch_size=500,
    )
    return list(Requester.objects.filter(full_name__startswith="Pemohon Bench").values_list("pk", flat=True))


def _status_of(received: dt.datetime) -> str:
    age = NOW - received
    if age < dt.timedelta(days=21):
        return random.choice((Status.REGISTERED, Status.IN_REVIEW))
    roll = random.random()
    if roll < 0.02:
        return Status.IN_REVIEW  # stuck past its due date: the overdue queue
    if roll < 0.03:
        return Status.DECIDED
    return Status.CLOSED


def _requests(context: SeedContext, rows: int, requesters: list[int]):
    calendar = OfficeCalendar()
    unit_ids = [unit.pk for unit in context.units.values()]
    channels = list(Channel.values)
    batch = []
    for number in range(rows):
        received = START + STEP * number
        status = _status_of(received)
        receipt = calendar.receipt_date(received)
        extended = random.random() < 0.03
        due = calendar.add_working_days(receipt, law.NOTICE_WORKING_DAYS)
        if extended:
            due = calendar.add_working_days(due, law.EXTENSION_WORKING_DAYS)
        decided = status in (Status.DECIDED, Status.CLOSED)
        refused = decided and random.random() < 0.05
        word = WORDS[number % len(WORDS)]
        batch.append(
            InformationRequest(
                tracking_code=f"B{number:011d}",
                register_number=f"{number % 99999 + 1:05d}/PPID/{received.month}/{received.year}/{number}",
                requester_id=requesters[number % len(requesters)],
                unit_id=unit_ids[number % len(unit_ids)],
                assignee=context.officer if number % 7 == 0 else None,
                channel=channels[number % len(channels)],
                received_at=received,
                completed_at=received,
                receipt_date=receipt,
                notice_due=due,
                extended_at=received + dt.timedelta(days=7) if extended else None,
                extension_reason="Bahan masih dikumpulkan" if extended else "",
                information_wanted=f"Dokumen {word} kegiatan nomor {number} tahun {received.year}",
                purpose="Penelitian dan pengawasan",
                obtain_method=(ObtainMethod.SOFT_COPY, ObtainMethod.HARD_COPY, ObtainMethod.VIEW)[number % 3],
                delivery_method=DeliveryMethod.EMAIL,
                status=status,
                decision=(Decision.REFUSED if refused else Decision.GRANTED) if decided else "",
                decided_at=received + dt.timedelta(days=9) if decided else None,
                is_held=True if decided else None,
                copy_fee=5000 if number % 11 == 0 else 0,
            )
        )
        if len(batch) == BATCH:
            _flush(context, batch)
            batch = []
    if batch:
        _flush(context, batch)


def _flush(context: SeedContext, batch: list[InformationRequest]):
    created = InformationRequest.objects.bulk_create(batch, batch_size=1000)
    if created and created[0].pk is None:  # backends that return no ids
        codes = [r.tracking_code for r in created]
        ids = dict(InformationRequest.objects.filter(tracking_code__in=codes).values_list("tracking_code", "pk"))
        for request in created:
            request.pk = ids[request.tracking_code]
    reviews, notices = [], []
    for request in created:
        if request.extended_at:
            notices.append(_notice(context, request, Notice.Kind.EXTENSION, request.extended_at))
        if not request.decision:
            continue
        if request.decision == Decision.REFUSED:
            context.refused_ids.append(request.pk)
            reviews.append(
                Review(request_id=request.pk, outcome=Review.Outcome.EXEMPT, legal_basis=Review.LegalBasis.PASAL_17,
                       exemption_letter="h", harm_test="Mengungkap rahasia pribadi", reviewer=context.officer)
            )
            notices.append(_notice(context, request, Notice.Kind.REFUSAL, request.decided_at))
        else:
            context.decided_ids.append(request.pk)
            notices.append(_notice(context, request, Notice.Kind.DECISION, request.decided_at))
    Review.objects.bulk_create(reviews, batch_size=1000)
    Notice.objects.bulk_create(notices, batch_size=1000)
    register_columns_refresh([request.pk for request in created])  # what the notice and review services keep


def _notice(context, request, kind, issued_at):
    return Notice(
        request_id=request.pk,
        kind=kind,
        number=f"{kind[:3].upper()}-{request.tracking_code}",
        decision=request.decision if kind != Notice.Kind.EXTENSION else "",
        body="Informasi dikecualikan berdasarkan pasal 17 huruf h" if kind == Notice.Kind.REFUSAL else "",
        issued_by=context.officer,
        issued_at=issued_at,
    )


def _hooks(context: SeedContext):
    try:
        module = importlib.import_module(OBJECTIONS_SEED_MODULE)
    except ModuleNotFoundError:
        return
    module.seed(context)
