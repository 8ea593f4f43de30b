"""Delete online registrations whose email was not confirmed within PPID_REGISTRATION_EXPIRY_HOURS."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from registry.services import registrations_unconfirmed_expire


class Command(BaseCommand):
    help = "Menghapus pendaftaran daring yang emailnya tidak dikonfirmasi dalam batas waktu."

    def handle(self, *args, **options):
        expired = registrations_unconfirmed_expire(now=timezone.now())
        self.stdout.write(f"{expired} pendaftaran yang tidak dikonfirmasi dihapus.")
