"""Delete identity files kept past the retention period (UU 27/2022: no longer than needed).

Lives in the project layer because it must ask requests/ and objections/ whether a requester
still has something open; registry/ itself never imports them.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from objections.models import Dispute, Objection, ObjectionEvent
from ppid.models import OfficeSettings
from registry.selectors import requesters_idle_with_identity_files
from registry.services import identity_files_purge
from requests.models import InformationRequest, RequestEvent

# A dispute is settled once the Komisi Informasi decided and nothing went on to court, or it closed.
SETTLED_DISPUTE_STAGES = (Dispute.Stage.DECIDED, Dispute.Stage.CLOSED)


def requesters_past_retention(*, now: dt.datetime):
    # Retention is a privacy period in calendar days (UU 27/2022), not a deadline of UU KIP.
    cutoff = now - dt.timedelta(days=OfficeSettings.identity_retention_days_in_force())
    busy_requests = InformationRequest.objects.filter(
        Q(status__in=InformationRequest.OPEN_STATUSES) | Q(created_at__gte=cutoff) | Q(received_at__gte=cutoff)
    ).values("requester")
    recent_request_events = RequestEvent.objects.filter(at__gte=cutoff).values("request__requester")
    busy_objections = Objection.objects.filter(
        Q(status__in=Objection.OPEN_STATUSES) | Q(created_at__gte=cutoff) | Q(submitted_at__gte=cutoff)
    ).values("requester")
    recent_objection_events = ObjectionEvent.objects.filter(at__gte=cutoff).values("objection__requester")
    busy_disputes = Dispute.objects.filter(
        ~Q(stage__in=SETTLED_DISPUTE_STAGES) | Q(created_at__gte=cutoff) | Q(decided_on__gte=cutoff.date())
    ).values("objection__requester")
    return (
        requesters_idle_with_identity_files(before=cutoff)
        .exclude(pk__in=busy_requests)
        .exclude(pk__in=recent_request_events)
        .exclude(pk__in=busy_objections)
        .exclude(pk__in=recent_objection_events)
        .exclude(pk__in=busy_disputes)
        .order_by("pk")
    )


class Command(BaseCommand):
    help = "Menghapus berkas identitas pemohon yang melewati masa retensi dan tidak punya perkara terbuka."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Hanya tampilkan pemohon yang akan dihapus berkasnya.")

    def handle(self, *args, dry_run=False, **options):
        requesters = list(requesters_past_retention(now=timezone.now()))
        if dry_run:
            for requester in requesters:
                self.stdout.write(f"{requester.pk}: {requester.documents.count()} berkas")
            self.stdout.write(f"{len(requesters)} pemohon akan dihapus berkas identitasnya (uji coba, tidak ada yang dihapus).")
            return
        now = timezone.now()

        def still_due(requester_id):
            return requesters_past_retention(now=now).filter(pk=requester_id).exists()

        deleted = identity_files_purge(requesters=requesters, still_due=still_due)
        self.stdout.write(f"{deleted} berkas identitas dari {len(requesters)} pemohon dihapus.")
