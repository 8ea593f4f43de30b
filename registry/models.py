"""Requester identity: persons, legal entities and community groups, their documents and verification."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Identity files live outside any public URL; views serve them after a permission check."""
    return storages["private"]


class Requester(models.Model):
    """A pemohon: one per account, or created at the desk without an account."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Perorangan")
        LEGAL_ENTITY = "legal_entity", _("Badan hukum")
        COMMUNITY_GROUP = "community_group", _("Kelompok orang / organisasi masyarakat")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Belum diajukan")
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requester",
    )
    kind = models.CharField(_("jenis pemohon"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    # The person, or for an entity its representative: identity as on the KTP.
    nik = models.CharField(_("NIK"), max_length=16, null=True, blank=True, db_index=True)
    full_name = models.CharField(_("nama sesuai KTP"), max_length=200)
    # Limits match what the register and the printed forms hold.
    address = models.TextField(_("alamat"), max_length=500, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=30, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    # The requester's choice: notifications by email too, or only on their page in the portal.
    email_notifications = models.BooleanField(
        _("terima pemberitahuan lewat email"),
        default=True,
        help_text=_("Pemberitahuan selalu tampil di halaman Anda di portal; email dikirim bila dicentang."),
    )
    # Legal entity or community group.
    entity_name = models.CharField(_("nama badan / kelompok"), max_length=200, blank=True)
    deed_number = models.CharField(_("nomor akta pendirian"), max_length=100, blank=True)
    deed_date = models.DateField(_("tanggal akta"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK pengesahan"), max_length=100, blank=True)
    representative_is_named_in_deed = models.BooleanField(_("kuasa disebut dalam akta"), default=True)
    verification_status = models.CharField(
        _("status verifikasi"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
        db_index=True,
    )
    # An online registration whose NIK matches a requester created at the desk: it takes that
    # record over once a verifier approves it (see docs/identity.md), never before.
    claimed_requester = models.ForeignKey(
        "self",
        verbose_name=_("data meja layanan yang diklaim"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
    )
    email_confirmed_at = models.DateTimeField(_("email dikonfirmasi pada"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        verbose_name = _("pemohon")
        verbose_name_plural = _("pemohon")
        ordering = ["full_name"]
        permissions = [
            ("verify_requester", _("Memverifikasi identitas pemohon")),
            ("view_full_nik", _("Melihat NIK lengkap")),
        ]
        constraints = [
            # A pending claim carries the same NIK as the desk record it claims, until they merge;
            # an unconfirmed registration holds no NIK yet (nobody can squat one with an address
            # they do not control). See docs/identity.md.
            models.UniqueConstraint(
                fields=["nik"],
                condition=models.Q(kind="person", claimed_requester__isnull=True)
                & (models.Q(user__isnull=True) | models.Q(email_confirmed_at__isnull=False)),
                name="requester_person_nik_held_unique",
            )
        ]

    @staticmethod
    def nik_holder_q() -> models.Q:
        """Records that hold their NIK: desk records and confirmed accounts, not claims."""
        return models.Q(claimed_requester__isnull=True) & (
            models.Q(user__isnull=True) | models.Q(email_confirmed_at__isnull=False)
        )

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        from ppid.hygiene import bidi_neutralise  # names saved before the forms neutralised them

        if self.kind != self.Kind.PERSON and self.entity_name:
            return bidi_neutralise(f"{self.entity_name} ({self.full_name})")
        return bidi_neutralise(self.full_name)

    @property
    def is_verified(self):
        return self.verification_status == self.Verification.VERIFIED


class IdentityDocument(models.Model):
    """A scan proving identity. Never served from a public URL; each access is logged."""

    class Kind(models.TextChoices):
        KTP = "ktp", _("KTP")
        DEED = "deed", _("Akta pendirian")
        DECREE = "decree", _("SK pengesahan badan hukum")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Surat kuasa")
        DOMICILE_LETTER = "domicile_letter", _("Surat keterangan domisili")

    requester = models.ForeignKey(Requester, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to="identity/%Y/%m/")
    content_type = models.CharField(_("jenis isi"), max_length=100)
    size = models.PositiveIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(_("checksum SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen identitas")
        verbose_name_plural = _("dokumen identitas")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} - {self.requester_id}"


class VerificationDecision(models.Model):
    """A verifier's decision on a requester's identity (online), or identity seen at the desk."""

    class Outcome(models.TextChoices):
        # The requester's own submission is logged too, so the history shows every state change.
        SUBMITTED = "submitted", _("Diajukan oleh pemohon")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    class Method(models.TextChoices):
        ONLINE = "online", _("Pemeriksaan dokumen unggahan")
        DESK = "desk", _("Dokumen asli dilihat di meja layanan")

    requester = models.ForeignKey(Requester, on_delete=models.CASCADE, related_name="verifications")
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices)
    method = models.CharField(_("cara"), max_length=10, choices=Method.choices, default=Method.ONLINE)
    reason = models.TextField(_("alasan"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("diputuskan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("keputusan verifikasi")
        verbose_name_plural = _("keputusan verifikasi")
        ordering = ["-decided_at"]


class IdentityAccessLog(models.Model):
    """Who saw which identity file, when: needed to report a breach within 3x24 hours (UU 27/2022)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Dilihat")
        EXPORT = "export", _("Diekspor")
        DELETE = "delete", _("Dihapus")
        REFUSED = "refused", _("Akses ditolak")
        REPORT = "report", _("Laporan akses dibuat")

    document = models.ForeignKey(
        IdentityDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log"
    )
    requester = models.ForeignKey(Requester, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(_("keterangan"), max_length=255)
    action = models.CharField(_("tindakan"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("log akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-at"]
