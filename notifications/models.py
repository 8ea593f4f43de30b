"""The outbox: every message to a person, recorded under a unique key before anything is sent.

A ``Notification`` is one thing one person is told about one item: (item type, item id, kind,
key, recipient) is unique, where the key is the deadline and stage for a reminder or the event for
a requester notification. An ``OutgoingEmail`` is what goes to one address: one per requester
notification, one digest per officer and sweep. It is claimed (PENDING -> SENDING) under a row
lock before the mail server is called, so two workers, a retry or a crash between sending and
recording never send it twice; a message left SENDING is shown to an administrator instead.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SweepRun(models.Model):
    """One run of the daily deadline sweep: when, for which office day, how much, how long."""

    started_at = models.DateTimeField(_("mulai"))
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    office_day = models.DateField(_("hari kantor"))
    horizon = models.DateField(_("batas hari kerja ke depan"))
    items = models.PositiveIntegerField(_("berkas yang diperiksa"), default=0)
    notifications = models.PositiveIntegerField(_("pemberitahuan baru"), default=0)
    emails = models.PositiveIntegerField(_("email dijadwalkan"), default=0)
    duration_ms = models.PositiveIntegerField(_("lama (ms)"), default=0)
    trigger = models.CharField(_("pemicu"), max_length=20, default="beat")

    class Meta:
        verbose_name = _("penyisiran tenggat")
        verbose_name_plural = _("penyisiran tenggat")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.office_day:%Y-%m-%d} ({self.notifications})"


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENDING = "sending", _("Sedang dikirim (belum tercatat selesai)")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")
        SKIPPED = "skipped", _("Tidak dikirim")

    class SkipReason(models.TextChoices):
        NO_ADDRESS = "no_address", _("Penerima tidak punya alamat email")
        PREFERENCE = "preference", _("Pemohon memilih tidak menerima email")

    DIGEST = "digest"

    kind = models.CharField(_("jenis"), max_length=40)
    recipient_key = models.CharField(_("penerima"), max_length=40)
    recipient_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    recipient_requester = models.ForeignKey(
        "registry.Requester", null=True, blank=True, on_delete=models.CASCADE, related_name="outgoing_emails"
    )
    sweep = models.ForeignKey(SweepRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="outgoing_emails")
    address = models.CharField(_("alamat"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    skip_reason = models.CharField(_("alasan tidak dikirim"), max_length=12, choices=SkipReason.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.CharField(_("galat terakhir"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("mulai dikirim pada"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("email keluar")
        verbose_name_plural = _("email keluar")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sweep", "recipient_key"], condition=models.Q(sweep__isnull=False), name="outgoing_email_one_digest_per_sweep"
            )
        ]
        permissions = [("resend_outgoingemail", _("Mengirim ulang email yang gagal"))]

    def __str__(self):
        return f"{self.kind} → {self.recipient_key} ({self.status})"


class Notification(models.Model):
    """One thing one person is told about one item, once."""

    class Stage(models.TextChoices):
        OVERDUE = "overdue", _("Terlambat")
        DUE_TODAY = "due_today", _("Jatuh tempo hari ini")
        DUE_SOON = "due_soon", _("Segera jatuh tempo")

    class Role(models.TextChoices):
        OFFICER = "officer", _("Petugas yang menangani")
        UNIT = "unit", _("Staf unit")
        ALERT = "alert", _("Peringatan keterlambatan")
        REQUESTER = "requester", _("Pemohon")

    DEADLINE = "deadline"

    item_type = models.CharField(_("jenis berkas"), max_length=30)
    item_id = models.BigIntegerField(_("id berkas"))
    kind = models.CharField(_("jenis pemberitahuan"), max_length=40)
    key = models.CharField(_("kunci"), max_length=100)
    recipient_key = models.CharField(_("penerima"), max_length=40)
    # No database constraint and no index (Django's CASCADE still applies; accounts are deactivated,
    # rarely deleted): a sweep inserts a hundred thousand rows at once and every index costs each of them.
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    # Indexed by notification_requester_list (requester rows only: the sweep's rows skip it); no database
    # constraint either, whose trigger would be queued for every row a sweep inserts.
    recipient_requester = models.ForeignKey(
        "registry.Requester",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
        db_constraint=False,
    )
    role = models.CharField(_("peran penerima"), max_length=10, choices=Role.choices)
    stage = models.CharField(_("tahap"), max_length=10, choices=Stage.choices, blank=True)
    deadline = models.DateField(_("tenggat"), null=True, blank=True)
    label = models.CharField(_("nomor"), max_length=100, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # The outbox's own links, written by one service (notifications.sweep / outbox): no database
    # constraint (Django's on_delete still applies) and no index on the sweep (nothing looks lines up
    # by sweep; every index costs every insert).
    sweep = models.ForeignKey(
        SweepRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False, db_index=False
    )
    email = models.ForeignKey(
        OutgoingEmail, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications", db_constraint=False
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at", "-id"]
        constraints = [
            # The item's id first: most comparisons while inserting end on an integer.
            models.UniqueConstraint(fields=["item_id", "item_type", "kind", "key", "recipient_key"], name="notification_told_once")
        ]
        indexes = [
            models.Index(
                fields=["recipient_requester", "-created_at"],
                name="notification_requester_list",
                condition=models.Q(recipient_requester__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.item_type}:{self.item_id} → {self.recipient_key}"


class FailedEmailManager(models.Manager):
    def get_queryset(self):
        from django.db.models import Q
        from django.utils import timezone

        from .outbox import STUCK_AFTER

        stuck = Q(status=OutgoingEmail.Status.SENDING, claimed_at__lt=timezone.now() - STUCK_AFTER)
        return super().get_queryset().filter(Q(status=OutgoingEmail.Status.FAILED) | stuck)


class FailedEmail(OutgoingEmail):
    """The administrator's page of messages that failed after the last try, or were interrupted while sending."""

    objects = FailedEmailManager()

    class Meta:
        proxy = True
        verbose_name = _("email gagal terkirim")
        verbose_name_plural = _("email gagal terkirim")
