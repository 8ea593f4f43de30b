"""The request register at scale: list page, search and filters over PPID_BENCH_ROWS requests (default 100,000)."""

import datetime as dt
import os
import random
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from ppid.codes import new_tracking_code
from requests.models import Channel, DeliveryMethod, InformationRequest, ObtainMethod
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db
ROWS = int(os.environ.get("PPID_BENCH_ROWS", "100000"))
WIB = ZoneInfo("Asia/Jakarta")


def fill_register(office, rows):
    requesters = [RequesterFactory() for _ in range(50)]
    start = dt.datetime(2024, 1, 2, 9, tzinfo=WIB)
    statuses = [InformationRequest.Status.REGISTERED, InformationRequest.Status.CLOSED, InformationRequest.Status.IN_REVIEW]
    random.seed(7)
    batch = []
    for number in range(rows):
        received = start + dt.timedelta(minutes=17 * number)  # spread over the years; not a deadline
        batch.append(
            InformationRequest(
                tracking_code=new_tracking_code(),
                register_number=f"{number + 1:06d}/PPID/{received.year}",
                requester=requesters[number % len(requesters)],
                unit=office["main"],
                channel=random.choice(list(Channel.values)),
                received_at=received,
                completed_at=received,
                receipt_date=received.date(),
                notice_due=received.date(),
                information_wanted=f"Dokumen anggaran kegiatan nomor {number}",
                purpose="Penelitian",
                obtain_method=ObtainMethod.SOFT_COPY,
                delivery_method=DeliveryMethod.EMAIL,
                status=random.choice(statuses),
            )
        )
        if len(batch) == 5000:
            InformationRequest.objects.bulk_create(batch, batch_size=500)
            batch = []
    InformationRequest.objects.bulk_create(batch, batch_size=500)


def test_bench_register_at_scale(bench, office, client_for):
    fill_register(office, ROWS)
    client = client_for("desk_officer")
    url = reverse("requests:register")
    bench(f"register: first page of {ROWS} requests", lambda: client.get(url), repeat=10)
    bench(f"register: last page of {ROWS} requests", lambda: client.get(url, {"page": "last"}), repeat=10)
    bench(f"register: search over {ROWS} requests", lambda: client.get(url, {"q": "nomor 4242"}), repeat=10)
    bench(f"register: overdue filter over {ROWS} requests", lambda: client.get(url, {"overdue": "1"}), repeat=10)
