"""The office core: units, staff accounts, service hours, the calendar, register sequences, the DIP."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .law import InformationCategory
from .validators import validate_nip


class Unit(models.Model):
    """PPID Utama or a PPID Pembantu (an SKPD that holds and supplies information)."""

    class Kind(models.TextChoices):
        MAIN = "utama", _("PPID Utama")
        ASSISTING = "pembantu", _("PPID Pembantu")

    name = models.CharField(_("nama"), max_length=200)
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.ASSISTING)
    parent = models.ForeignKey(
        "self", verbose_name=_("induk"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    address = models.TextField(_("alamat"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(kind="utama"), name="unit_single_ppid_utama"
            )
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """An account: staff (always in a unit) or a requester (linked from registry.Requester)."""

    email = models.EmailField(_("alamat email"), unique=True, null=True, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.get_full_name() or self.username


class ServiceHours(models.Model):
    """Opening hours per weekday; the closing time decides the receipt date of a request."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Senin")
        TUESDAY = 1, _("Selasa")
        WEDNESDAY = 2, _("Rabu")
        THURSDAY = 3, _("Kamis")
        FRIDAY = 4, _("Jumat")
        SATURDAY = 5, _("Sabtu")
        SUNDAY = 6, _("Minggu")

    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices, unique=True)
    is_open = models.BooleanField(_("buka"), default=True)
    opens_at = models.TimeField(_("jam buka"), null=True, blank=True)
    closes_at = models.TimeField(_("jam tutup"), null=True, blank=True)
    break_starts_at = models.TimeField(_("mulai istirahat"), null=True, blank=True)
    break_ends_at = models.TimeField(_("selesai istirahat"), null=True, blank=True)

    class Meta:
        verbose_name = _("jam layanan")
        verbose_name_plural = _("jam layanan")
        ordering = ["weekday"]

    def __str__(self):
        return self.get_weekday_display()


class CalendarOverride(models.Model):
    """An administrator's correction of the calendar: a closure or regional holiday, or a listed day made working."""

    date = models.DateField(_("tanggal"), unique=True)
    is_working_day = models.BooleanField(
        _("hari kerja"), help_text=_("Centang untuk menjadikan hari libur yang terdaftar sebagai hari kerja.")
    )
    reason = models.CharField(_("alasan"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("koreksi kalender")
        verbose_name_plural = _("koreksi kalender")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}"


class CalendarStamp(models.Model):
    """One row per cached set of tables (ppid.stamps): row 1 the calendar (overrides, service hours),
    row 2 the shared configuration (office settings, second-factor requirements, units), whose
    token changes with every write to them.

    Database triggers write it (migrations 0005 and 0010), so no path of writing (admin, shell,
    another server) can leave a process's cached snapshot stale: ppid.stamps compares tokens.
    """

    token = models.CharField(_("token"), max_length=64)

    class Meta:
        verbose_name = _("versi data bersama")
        verbose_name_plural = _("versi data bersama")

    def __str__(self):
        return self.token


class RegisterSequence(models.Model):
    """The last number given per kind and year; taken only through ppid.sequences."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("Register permohonan")
        OBJECTION = "objection", _("Register keberatan")
        OBJECTION_ANSWER = "objection_answer", _("Nomor surat tanggapan atasan PPID")
        NOTICE = "notice", _("Nomor surat pemberitahuan")

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("urutan nomor register")
        verbose_name_plural = _("urutan nomor register")
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="register_sequence_kind_year")]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last_number}"


class InformationItem(models.Model):
    """An entry of the Daftar Informasi Publik (DIP)."""

    title = models.CharField(_("judul informasi"), max_length=300)
    unit = models.ForeignKey(Unit, verbose_name=_("unit penguasa informasi"), on_delete=models.PROTECT)
    category = models.CharField(_("kategori"), max_length=20, choices=InformationCategory.choices, db_index=True)
    summary = models.TextField(_("ringkasan isi"), blank=True)
    format = models.CharField(_("bentuk informasi"), max_length=100, blank=True, help_text=_("mis. PDF, cetak"))
    responsible = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    period = models.CharField(_("waktu dan tempat pembuatan"), max_length=200, blank=True)
    retention = models.CharField(_("jangka waktu penyimpanan"), max_length=100, blank=True)
    legal_basis = models.TextField(_("dasar hukum pengecualian"), blank=True)
    harm_test = models.TextField(_("hasil uji konsekuensi"), blank=True)
    # UU KIP pasal 20: an exemption is not forever; the SK penetapan prints each item's period.
    exemption_period = models.CharField(
        _("jangka waktu pengecualian"), max_length=200, blank=True, help_text=_("mis. 5 (lima) tahun sejak dokumen dibuat")
    )
    document = models.FileField(_("dokumen"), upload_to="dip/%Y/", blank=True)
    link = models.URLField(_("tautan"), blank=True)
    is_published = models.BooleanField(_("ditampilkan"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("informasi publik (DIP)")
        verbose_name_plural = _("daftar informasi publik (DIP)")
        ordering = ["category", "title"]

    def __str__(self):
        return self.title


class EventLogEntry(models.Model):
    """An append-only log entry: who did what, when, from which status to which, with a note."""

    action = models.CharField(_("tindakan"), max_length=40)
    from_status = models.CharField(_("dari status"), max_length=12, blank=True)
    to_status = models.CharField(_("ke status"), max_length=12, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class StandInKind(models.TextChoices):
    """A stand-in signs for an official on leave (Plh.) or for a vacant office (Plt.)."""

    PLH = "Plh.", _("Plh. (pelaksana harian)")
    PLT = "Plt.", _("Plt. (pelaksana tugas)")


class OfficeSettings(models.Model):
    """What an administrator sets in the portal (one row, "Pengaturan kantor"): the office's identity,
    read through ppid.office.office_identity, and policies. Empty fields use the deployment default."""

    body_name = models.CharField(_("nama badan publik"), max_length=200, blank=True, help_text=_("mis. Pemerintah Kabupaten Contoh"))
    ppid_name = models.CharField(_("nama PPID"), max_length=200, blank=True, help_text=_("mis. PPID Kabupaten Contoh"))
    # A public file (MEDIA_ROOT), checked by content and stored under a random name by ppid.office.
    logo = models.FileField(_("logo"), upload_to="office/", blank=True, editable=False)
    address = models.TextField(_("alamat kantor"), blank=True)
    city = models.CharField(
        _("kota tempat penandatanganan"), max_length=100, blank=True, help_text=_("Dicetak pada surat, mis. “Contoh, 14 Desember 2026”.")
    )
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    theme = models.CharField(_("warna tampilan"), max_length=20, blank=True)

    # The PPID and the Atasan PPID sign letters; a stand-in signs in their place within the dates given.
    ppid_official_name = models.CharField(_("nama PPID (pejabat)"), max_length=200, blank=True)
    ppid_official_position = models.CharField(
        _("jabatan PPID"), max_length=200, blank=True, help_text=_("mis. Kepala Dinas Komunikasi dan Informatika")
    )
    ppid_official_nip = models.CharField(_("NIP PPID"), max_length=18, blank=True, validators=[validate_nip])
    ppid_standin_name = models.CharField(_("nama pengganti PPID"), max_length=200, blank=True)
    ppid_standin_nip = models.CharField(_("NIP pengganti PPID"), max_length=18, blank=True, validators=[validate_nip])
    ppid_standin_kind = models.CharField(_("jenis pengganti PPID"), max_length=4, choices=StandInKind.choices, blank=True)
    ppid_standin_from = models.DateField(_("pengganti PPID mulai"), null=True, blank=True)
    ppid_standin_until = models.DateField(
        _("pengganti PPID sampai"), null=True, blank=True, help_text=_("Kosongkan bila sampai ada ketetapan lain.")
    )
    atasan_official_name = models.CharField(_("nama Atasan PPID"), max_length=200, blank=True)
    atasan_official_position = models.CharField(
        _("jabatan Atasan PPID"), max_length=200, blank=True, help_text=_("mis. Sekretaris Daerah")
    )
    atasan_official_nip = models.CharField(_("NIP Atasan PPID"), max_length=18, blank=True, validators=[validate_nip])
    atasan_standin_name = models.CharField(_("nama pengganti Atasan PPID"), max_length=200, blank=True)
    atasan_standin_nip = models.CharField(_("NIP pengganti Atasan PPID"), max_length=18, blank=True, validators=[validate_nip])
    atasan_standin_kind = models.CharField(
        _("jenis pengganti Atasan PPID"), max_length=4, choices=StandInKind.choices, blank=True
    )
    atasan_standin_from = models.DateField(_("pengganti Atasan PPID mulai"), null=True, blank=True)
    atasan_standin_until = models.DateField(
        _("pengganti Atasan PPID sampai"), null=True, blank=True, help_text=_("Kosongkan bila sampai ada ketetapan lain.")
    )

    identity_retention_days = models.PositiveIntegerField(
        _("masa retensi berkas identitas (hari)"),
        null=True,
        blank=True,
        help_text=_(
            "Berkas identitas pemohon yang tidak punya permohonan, keberatan atau sengketa terbuka "
            "dihapus setelah tidak ada aktivitas selama masa ini. Kosongkan untuk memakai bawaan instalasi."
        ),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan kantor")
        verbose_name_plural = _("pengaturan kantor")

    def __str__(self):
        return str(_("Pengaturan kantor"))

    def clean(self):
        """A stand-in needs a kind and a first day, and ends no earlier than it starts."""
        from django.core.exceptions import ValidationError

        errors = {}
        for office in ("ppid", "atasan"):
            name, kind, start, end = (getattr(self, f"{office}_standin_{key}") for key in ("name", "kind", "from", "until"))
            if name and not kind:
                errors[f"{office}_standin_kind"] = _("Pilih Plh. atau Plt.")
            if name and not start:
                errors[f"{office}_standin_from"] = _("Isi tanggal mulai pengganti bertugas.")
            if start and end and end < start:
                errors[f"{office}_standin_until"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def identity_retention_days_in_force(cls) -> int:
        chosen = cls.objects.filter(pk=1).values_list("identity_retention_days", flat=True).first()
        return chosen or settings.PPID_IDENTITY_RETENTION_DAYS


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class GeneratedFile(models.Model):
    """A document or export built in the background for one user (ppid.generated): the register's
    XLSX and long prints now, reports and dossiers later. Kept in private storage until it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Siap diunduh")
        FAILED = "failed", _("Gagal dibuat")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemilik"), on_delete=models.CASCADE, related_name="generated_files"
    )
    kind = models.CharField(_("jenis"), max_length=60)
    title = models.CharField(_("judul"), max_length=200)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    file = models.FileField(_("berkas"), storage=_private_storage, upload_to="generated/%Y/%m/", blank=True)
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    content_type = models.CharField(_("jenis isi"), max_length=100, blank=True)
    error = models.TextField(_("kesalahan"), blank=True)
    created_at = models.DateTimeField(_("diminta pada"))
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    expires_at = models.DateTimeField(_("dihapus pada"), db_index=True)

    class Meta:
        verbose_name = _("berkas unduhan")
        verbose_name_plural = _("berkas unduhan")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="generated_file_owner")]

    def __str__(self):
        return self.title

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ThrottleHit(models.Model):
    """One mail-sending action (password reset, registration, confirmation resend) for ppid.throttle."""

    key = models.CharField(max_length=64, db_index=True)  # SHA-256 of scope and address, never the address
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("catatan pembatasan")
        verbose_name_plural = _("catatan pembatasan")


class TwoFactorRequirement(models.Model):
    """An administrator's choice: must staff of this role sign in with a second factor (TOTP)?

    A role without a row follows the deployment default (``PPID_TWO_FACTOR_ROLES``)."""

    role = models.CharField(_("peran"), max_length=40, unique=True)
    required = models.BooleanField(_("wajib verifikasi dua langkah"), default=True)

    class Meta:
        verbose_name = _("kewajiban verifikasi dua langkah")
        verbose_name_plural = _("kewajiban verifikasi dua langkah")
        ordering = ["role"]

    def __str__(self):
        from .roles import ROLE_LABELS

        return str(ROLE_LABELS.get(self.role, self.role))


class IssuedDocument(models.Model):
    """A letter the office issued, as its QR code's public verification page shows it (ppid.letters).

    Holds no personal data on purpose: number, kind, date and the SHA-256 of the PDF as stored, so
    anyone holding a printed or sent letter can check it against the office's record."""

    token = models.CharField(_("kode verifikasi"), max_length=32, unique=True)
    kind = models.CharField(_("jenis"), max_length=40)
    title = models.CharField(_("jenis surat"), max_length=200)
    number = models.CharField(_("nomor surat"), max_length=60, db_index=True)
    issued_on = models.DateField(_("tanggal surat"))
    sha256 = models.CharField(_("SHA-256 isi PDF"), max_length=64, blank=True)
    # Letters no other record keeps (the SK penetapan of exempt information) are stored here.
    pdf = models.FileField(_("PDF"), storage=_private_storage, upload_to="letters/%Y/", blank=True)
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    # A notice re-issued (once the day it reached the requester is recorded) replaces the earlier PDF.
    superseded_by = models.ForeignKey(
        "self", verbose_name=_("diganti oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("surat yang diterbitkan")
        verbose_name_plural = _("surat yang diterbitkan")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.title} {self.number}"
