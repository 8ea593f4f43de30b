"""manage.py send_deadline_reminders: the daily sweep by hand (the same as the 07:00 Celery beat entry)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.sweep import deadline_sweep


class Command(BaseCommand):
    help = "Kirim pengingat tenggat (ringkasan per petugas) untuk berkas yang segera jatuh tempo atau terlambat."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="hari kerja ke depan (bawaan: PPID_REMINDER_WORKING_DAYS)")

    def handle(self, *args, days=None, **options):
        run = deadline_sweep(now=timezone.now(), trigger="command", days=days)
        self.stdout.write(
            f"{run.items} berkas, {run.notifications} pemberitahuan baru, {run.emails} email dijadwalkan ({run.duration_ms} ms)"
        )
