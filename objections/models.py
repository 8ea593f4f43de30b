"""Objections (keberatan) to the Atasan PPID, and disputes (sengketa) before the Komisi Informasi.

Status and due dates change only through objections.services.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.law import ObjectionGround
from ppid.models import EventLogEntry
from registry.models import private_storage
from requests.models import Channel, Decision


class Objection(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Diterima dan diregister")
        IN_REVIEW = "in_review", _("Dipertimbangkan atasan PPID")
        ANSWERED = "answered", _("Sudah dijawab")
        WITHDRAWN = "withdrawn", _("Dicabut")
        CLOSED = "closed", _("Selesai")

    OPEN_STATUSES = (Status.REGISTERED, Status.IN_REVIEW)

    register_number = models.CharField(_("nomor register keberatan"), max_length=50, unique=True, null=True, blank=True)
    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True)
    request = models.ForeignKey(
        "requests.InformationRequest", verbose_name=_("permohonan"), on_delete=models.PROTECT, related_name="objections"
    )
    requester = models.ForeignKey("registry.Requester", verbose_name=_("pemohon"), on_delete=models.PROTECT, related_name="objections")
    proxy_name = models.CharField(_("nama kuasa"), max_length=200, blank=True)
    proxy_address = models.TextField(_("alamat kuasa"), blank=True)
    reasons = models.TextField(_("kasus posisi"), blank=True)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    # The true moment the objection reached the office (online: when sent; desk: as recorded).
    submitted_at = models.DateTimeField(_("diajukan pada"), db_index=True)
    power_of_attorney = models.FileField(
        _("surat kuasa"), storage=private_storage, upload_to="objections/%Y/", blank=True
    )
    backdate_reason = models.TextField(_("alasan pencatatan mundur"), blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED, db_index=True)
    # Deadlines: written only by objections.services.deadlines.
    receipt_date = models.DateField(_("tanggal mulai dihitung"), null=True, blank=True)
    answer_due = models.DateField(_("batas jawaban atasan PPID"), null=True, blank=True, db_index=True)
    dispute_filing_due = models.DateField(_("batas pengajuan sengketa"), null=True, blank=True, db_index=True)
    # After an answer ordering the information given: the PPID's deadline to comply.
    compliance_due = models.DateField(_("batas pelaksanaan oleh PPID"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-submitted_at"]
        permissions = [
            ("view_objection_register", _("Melihat buku register keberatan")),
            ("answer_objection", _("Menjawab keberatan sebagai atasan PPID")),
            ("handle_dispute", _("Menangani sengketa informasi")),
        ]

    def __str__(self):
        return self.register_number or self.tracking_code


class ObjectionGroundClaim(models.Model):
    """One ground of UU KIP pasal 35(1) claimed in an objection, with its own 30-working-day window."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="grounds")
    ground = models.CharField(_("alasan keberatan"), max_length=1, choices=ObjectionGround.choices)
    ground_date = models.DateField(_("tanggal timbulnya alasan"))
    window_closes = models.DateField(_("batas akhir pengajuan"))
    reason = models.TextField(_("alasan dengan kata-kata pemohon"), blank=True)
    # What the ground date was taken from (a code of objections.services.grounds, e.g. "notice_received").
    basis = models.CharField(_("dasar tanggal"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("alasan keberatan")
        verbose_name_plural = _("alasan keberatan")
        constraints = [models.UniqueConstraint(fields=["objection", "ground"], name="objection_ground_once")]


class ObjectionEvent(EventLogEntry):
    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="events")

    class Meta:
        verbose_name = _("riwayat keberatan")
        verbose_name_plural = _("riwayat keberatan")
        ordering = EventLogEntry.Meta.ordering


class Answer(models.Model):
    """The Atasan PPID's written answer to an objection."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Keberatan diterima")
        PARTLY_UPHELD = "partly_upheld", _("Keberatan diterima sebagian")
        REJECTED = "rejected", _("Keberatan ditolak")

    objection = models.OneToOneField(Objection, on_delete=models.PROTECT, related_name="answer")
    number = models.CharField(_("nomor surat tanggapan"), max_length=60, unique=True, null=True, blank=True)
    outcome = models.CharField(_("tanggapan atasan PPID"), max_length=16, choices=Outcome.choices)
    body = models.TextField(_("isi jawaban"))
    order_to_ppid = models.TextField(_("perintah kepada PPID"), blank=True)
    ordered_decision = models.CharField(
        _("informasi yang diperintahkan diberikan"), max_length=16, choices=Decision.choices, blank=True
    )
    compliance_working_days = models.PositiveSmallIntegerField(_("jangka waktu pelaksanaan (hari kerja)"), null=True, blank=True)
    consulted_advisory_team = models.BooleanField(_("meminta pertimbangan tim pertimbangan"), default=False)
    atasan_name = models.CharField(_("nama atasan PPID"), max_length=200)
    atasan_position = models.CharField(_("jabatan atasan PPID"), max_length=200)
    atasan_nip = models.CharField(_("NIP atasan PPID"), max_length=40, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("dijawab pada"))
    received_by_requester_on = models.DateField(_("diterima pemohon pada"), null=True, blank=True)
    requester_reply = models.TextField(_("tanggapan pemohon"), blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="answers/%Y/", blank=True)
    # The verification record of the issued answer (its QR opens the public verification page).
    document = models.ForeignKey("ppid.IssuedDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_late = models.BooleanField(_("terlambat"), default=False)

    class Meta:
        verbose_name = _("jawaban atasan PPID")
        verbose_name_plural = _("jawaban atasan PPID")


class AdvisoryOpinion(models.Model):
    """The Tim Pertimbangan Pelayanan Informasi's opinion asked by the Atasan PPID (seed 001, step 10)."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="opinions")
    question = models.TextField(_("hal yang dimintakan pertimbangan"))
    opinion = models.TextField(_("pertimbangan tim"), blank=True)
    received_on = models.DateField(_("pertimbangan diterima pada"), null=True, blank=True)
    document = models.FileField(_("dokumen pertimbangan"), storage=private_storage, upload_to="objections/%Y/", blank=True)
    document_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"))

    class Meta:
        verbose_name = _("pertimbangan tim pertimbangan")
        verbose_name_plural = _("pertimbangan tim pertimbangan")
        ordering = ["recorded_at", "id"]


class Dispute(models.Model):
    """A dispute (sengketa informasi) before the Komisi Informasi Provinsi, and its stages (Perki 1/2013)."""

    class Stage(models.TextChoices):
        FILED = "filed", _("Diajukan ke Komisi Informasi")
        REGISTRATION = "registration", _("Registrasi")
        PRELIMINARY = "preliminary", _("Pemeriksaan awal")
        MEDIATION = "mediation", _("Mediasi")
        ADJUDICATION = "adjudication", _("Ajudikasi non-litigasi")
        DECIDED = "decided", _("Putusan Komisi Informasi")
        ADMINISTRATIVE_COURT = "ptun", _("Keberatan ke PTUN")
        DISTRICT_COURT = "pn", _("Keberatan ke Pengadilan Negeri")
        CASSATION = "cassation", _("Kasasi Mahkamah Agung")
        CLOSED = "closed", _("Selesai")

    class CommissionLevel(models.TextChoices):
        PROVINCIAL = "provinsi", _("Komisi Informasi Provinsi")
        CENTRAL = "pusat", _("Komisi Informasi Pusat")

    class FiledVia(models.TextChoices):
        REQUESTER = "requester", _("Dicatat pemohon di portal")
        DESK = "desk", _("Dicatat petugas penyelesaian sengketa")

    class WindowBasis(models.TextChoices):
        ANSWER_RECEIVED = "answer_received", _("tanggal tanggapan atasan PPID diterima pemohon")
        ANSWER_ISSUED = "answer_issued", _("tanggal tanggapan atasan PPID diterbitkan")
        ANSWER_DUE = "answer_due", _("batas waktu tanggapan atasan PPID (tidak ada tanggapan)")

    class OutcomeKind(models.TextChoices):
        ORDERED_FULL = "ordered_full", _("Informasi wajib diberikan seluruhnya")
        ORDERED_PART = "ordered_part", _("Informasi wajib diberikan sebagian")
        REJECTED = "rejected", _("Permohonan ditolak; keputusan badan publik dikuatkan")
        SETTLED = "settled", _("Kesepakatan mediasi tanpa pemberian informasi")
        DISMISSED = "dismissed", _("Sengketa gugur atau dicabut")

    ORDERS_DISCLOSURE = (OutcomeKind.ORDERED_FULL, OutcomeKind.ORDERED_PART)

    objection = models.ForeignKey(Objection, verbose_name=_("keberatan"), on_delete=models.PROTECT, related_name="disputes")
    ki_registration_number = models.CharField(_("nomor registrasi Komisi Informasi"), max_length=100, blank=True)
    commission = models.CharField(_("Komisi Informasi"), max_length=200, blank=True)
    filed_on = models.DateField(_("tanggal pengajuan"))
    concerns_exemption = models.BooleanField(
        _("menyangkut informasi dikecualikan (pasal 17)"),
        default=False,
        help_text=_("Sengketa pasal 17 langsung ke ajudikasi, tanpa mediasi."),
    )
    stage = models.CharField(_("tahap"), max_length=14, choices=Stage.choices, default=Stage.FILED, db_index=True)
    mediation_due = models.DateField(_("batas mediasi"), null=True, blank=True)
    settlement_due = models.DateField(_("batas penyelesaian"), null=True, blank=True)
    outcome = models.TextField(_("putusan"), blank=True)
    decided_on = models.DateField(_("tanggal putusan"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    # Filing: who recorded it, and the 14-working-day window it was judged against (objections.services.disputes).
    commission_level = models.CharField(_("tingkat Komisi Informasi"), max_length=10, choices=CommissionLevel.choices, blank=True)
    filed_via = models.CharField(_("dicatat oleh"), max_length=10, choices=FiledVia.choices, default=FiledVia.DESK)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    window_basis = models.CharField(_("dasar batas pengajuan"), max_length=16, choices=WindowBasis.choices, blank=True)
    window_start = models.DateField(_("awal batas pengajuan"), null=True, blank=True)
    filing_last_day = models.DateField(_("batas akhir pengajuan sengketa"), null=True, blank=True)
    # Perki 1/2013 stages, each with its date.
    registered_on = models.DateField(_("tanggal registrasi"), null=True, blank=True)
    preliminary_on = models.DateField(_("tanggal pemeriksaan awal"), null=True, blank=True)
    mediation_started_on = models.DateField(_("mediasi dimulai"), null=True, blank=True)
    mediation_extended_on = models.DateField(_("mediasi diperpanjang pada"), null=True, blank=True)
    adjudication_started_on = models.DateField(_("ajudikasi dimulai"), null=True, blank=True)
    outcome_kind = models.CharField(_("amar putusan"), max_length=14, choices=OutcomeKind.choices, blank=True)
    decision_number = models.CharField(_("nomor putusan / akta mediasi"), max_length=100, blank=True)
    court_case_number = models.CharField(_("nomor perkara pengadilan"), max_length=100, blank=True)
    court_filed_on = models.DateField(_("tanggal keberatan ke pengadilan"), null=True, blank=True)
    cassation_case_number = models.CharField(_("nomor perkara kasasi"), max_length=100, blank=True)
    cassation_filed_on = models.DateField(_("tanggal kasasi"), null=True, blank=True)
    closed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    OPEN_STAGES = (Stage.FILED, Stage.REGISTRATION, Stage.PRELIMINARY, Stage.MEDIATION, Stage.ADJUDICATION)

    class Meta:
        verbose_name = _("sengketa informasi")
        verbose_name_plural = _("sengketa informasi")
        ordering = ["-filed_on"]


class Hearing(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="hearings")
    stage = models.CharField(_("tahap"), max_length=14, choices=Dispute.Stage.choices)
    held_at = models.DateTimeField(_("waktu sidang"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    notes = models.TextField(_("risalah sidang"), blank=True)
    attended_by = models.CharField(_("yang hadir"), max_length=300, blank=True)
    agenda = models.CharField(_("agenda sidang"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("sidang")
        verbose_name_plural = _("sidang")
        ordering = ["held_at"]


class DisputeDocument(models.Model):
    """A document of a dispute (a summons, a statement, a mediation agreement, the decision), checked by content."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("judul dokumen"), max_length=200)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to="disputes/%Y/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(_("jenis berkas"), max_length=50)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("diunggah pada"))

    class Meta:
        verbose_name = _("dokumen sengketa")
        verbose_name_plural = _("dokumen sengketa")
        ordering = ["uploaded_at", "id"]
