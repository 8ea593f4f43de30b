"""Information requests: intake, exemption review, written notices, extension, fulfilment, delivery.

Status and due dates change only through requests.services (see docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.law import ExemptionLetter
from ppid.models import EventLogEntry
from registry.models import private_storage


class Channel(models.TextChoices):
    ONLINE = "online", _("Daring (portal)")
    WALK_IN = "walk_in", _("Datang langsung")
    PHONE = "phone", _("Telepon")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Surat")
    FAX = "fax", _("Faksimili")


class ObtainMethod(models.TextChoices):
    """How the requester wants to obtain the information (UU KIP pasal 4 ayat 2)."""

    VIEW = "view", _("Melihat / membaca / mendengarkan / mencatat")
    SOFT_COPY = "soft_copy", _("Salinan elektronik (softcopy)")
    HARD_COPY = "hard_copy", _("Salinan cetak (hardcopy)")


class DeliveryMethod(models.TextChoices):
    PICK_UP = "pick_up", _("Mengambil langsung")
    POST = "post", _("Pos / kurir")
    EMAIL = "email", _("Email")
    FAX = "fax", _("Faksimili")
    DOWNLOAD = "download", _("Unduh dari portal")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Diberikan seluruhnya")
    PARTLY_GRANTED = "partly_granted", _("Diberikan sebagian")
    REFUSED = "refused", _("Ditolak")
    NOT_HELD = "not_held", _("Informasi tidak dikuasai")


class InformationRequest(models.Model):
    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("Belum lengkap")
        REGISTERED = "registered", _("Diterima dan diregister")
        IN_REVIEW = "in_review", _("Dalam proses")
        DECIDED = "decided", _("Sudah diputuskan")
        FULFILLED = "fulfilled", _("Informasi sudah diserahkan")
        CLOSED = "closed", _("Selesai")
        WITHDRAWN = "withdrawn", _("Dicabut")

    OPEN_STATUSES = (Status.INCOMPLETE, Status.REGISTERED, Status.IN_REVIEW, Status.DECIDED, Status.FULFILLED)
    # The written-notice clock runs in these; afterwards the dates are history.
    AWAITING_NOTICE_STATUSES = (Status.REGISTERED, Status.IN_REVIEW)

    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True)
    register_number = models.CharField(_("nomor register"), max_length=50, unique=True, null=True, blank=True)
    requester = models.ForeignKey(
        "registry.Requester", verbose_name=_("pemohon"), on_delete=models.PROTECT, related_name="information_requests"
    )
    # The user of the information may differ from the requester (seeds ask for their KTP too).
    information_user_name = models.CharField(_("nama pengguna informasi"), max_length=200, blank=True)
    information_user_nik = models.CharField(_("NIK pengguna informasi"), max_length=16, blank=True)
    unit = models.ForeignKey("ppid.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, db_index=True)
    received_at = models.DateTimeField(_("diterima pada"), db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diterima oleh"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    backdate_reason = models.TextField(_("alasan pencatatan mundur"), blank=True)
    completed_at = models.DateTimeField(_("lengkap pada"), null=True, blank=True)
    information_wanted = models.TextField(_("rincian informasi yang dibutuhkan"))
    purpose = models.TextField(_("tujuan penggunaan informasi"))
    obtain_method = models.CharField(_("cara memperoleh informasi"), max_length=10, choices=ObtainMethod.choices)
    delivery_method = models.CharField(_("cara mendapatkan salinan"), max_length=10, choices=DeliveryMethod.choices)
    dip_item = models.ForeignKey(
        "ppid.InformationItem", verbose_name=_("informasi dalam DIP"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INCOMPLETE, db_index=True)
    decision = models.CharField(_("keputusan"), max_length=16, choices=Decision.choices, blank=True)
    is_held = models.BooleanField(_("informasi dikuasai"), null=True)
    # Deadlines: written only by requests.services.deadlines.
    receipt_date = models.DateField(_("tanggal mulai dihitung"), null=True, blank=True)
    notice_due = models.DateField(_("batas pemberitahuan tertulis"), null=True, blank=True, db_index=True)
    extended_at = models.DateTimeField(_("diperpanjang pada"), null=True, blank=True)
    extension_reason = models.TextField(_("alasan perpanjangan"), blank=True)
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("diserahkan pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    copy_fee = models.DecimalField(_("biaya salinan (Rp)"), max_digits=12, decimal_places=0, default=0)
    # The token of the form that created the request: a form submitted twice creates one request.
    idempotency_key = models.CharField(_("token formulir"), max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    # The register's columns read from notices and reviews, kept on the row so that the register,
    # its exports and its print read one table (requests.services.register_columns writes them
    # whenever a notice or a review is recorded; never edited by hand).
    register_notice_at = models.DateTimeField(_("pemberitahuan tertulis pertama"), null=True, blank=True, editable=False)
    register_refusal_body = models.TextField(_("alasan pada surat penolakan terakhir"), blank=True, editable=False)
    register_exemption_letter = models.CharField(_("huruf pasal 17 pada uji terakhir"), max_length=1, blank=True, editable=False)
    register_exemption_law = models.CharField(_("undang-undang lain pada uji terakhir"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        ordering = ["-received_at"]
        permissions = [
            ("intake_request", _("Mencatat permohonan di meja layanan")),
            ("view_register", _("Melihat buku register permohonan")),
            ("review_request", _("Melakukan uji konsekuensi")),
            ("decide_request", _("Memutuskan dan menerbitkan pemberitahuan tertulis")),
            ("supply_information", _("Menyediakan informasi sebagai PPID Pembantu")),
        ]
        indexes = [
            # The work queues' order (requests.selectors_processing.work_queues) within a status, and per assignee.
            models.Index(fields=["status", "notice_due", "received_at"], name="request_status_queue"),
            models.Index(
                fields=["assignee", "notice_due", "received_at"],
                name="request_assigned_queue",
                condition=~models.Q(status__in=["closed", "withdrawn"]),
            ),
            # The overdue and due-soon queues span both statuses awaiting a notice: read in their order.
            models.Index(
                fields=["notice_due", "received_at"], name="request_awaiting_queue", condition=models.Q(status__in=["registered", "in_review"])
            ),
            # The register's order and its keyset pages (requests.selectors_register).
            models.Index(
                fields=["-received_at", "-id"], name="request_register_order", condition=models.Q(register_number__isnull=False)
            ),
        ]

    def __str__(self):
        return self.register_number or self.tracking_code

    @property
    def is_extended(self):
        return self.extended_at is not None


class RequestEvent(EventLogEntry):
    """The event log: every transition and deadline change, with who, when, from, to and a note."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = EventLogEntry.Meta.ordering


class Forwarding(models.Model):
    """The request sent to the PPID Pembantu unit that holds the information, and what it returned."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="forwardings")
    unit = models.ForeignKey("ppid.Unit", verbose_name=_("unit tujuan"), on_delete=models.PROTECT, related_name="forwardings")
    note = models.TextField(_("catatan penerusan"), blank=True)
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forwarded_at = models.DateTimeField(_("diteruskan pada"), auto_now_add=True)
    returned_at = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    return_note = models.TextField(_("catatan unit"), blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("penerusan ke PPID Pembantu")
        verbose_name_plural = _("penerusan ke PPID Pembantu")
        ordering = ["-forwarded_at"]


class Material(models.Model):
    """A file belonging to a request: material a unit supplied, or information given to the requester."""

    class Kind(models.TextChoices):
        UNIT_MATERIAL = "unit_material", _("Bahan dari unit")
        INFORMATION = "information", _("Informasi untuk pemohon")
        MEETING_MINUTES = "meeting_minutes", _("Berita acara rapat koordinasi")
        PROOF = "proof", _("Bukti pengiriman")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="materials")
    forwarding = models.ForeignKey(Forwarding, null=True, blank=True, on_delete=models.SET_NULL, related_name="materials")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("berkas"), storage=private_storage, upload_to="requests/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("checksum SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("berkas permohonan")
        verbose_name_plural = _("berkas permohonan")


class Review(models.Model):
    """The exemption review (uji konsekuensi and uji kepentingan publik), written down."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Terbuka")
        PARTLY_EXEMPT = "partly_exempt", _("Dikecualikan sebagian")
        EXEMPT = "exempt", _("Dikecualikan seluruhnya")

    class LegalBasis(models.TextChoices):
        PASAL_17 = "pasal_17", _("UU KIP pasal 17")
        OTHER_LAW = "other_law", _("Undang-undang lain")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices)
    legal_basis = models.CharField(_("dasar pengecualian"), max_length=10, choices=LegalBasis.choices, blank=True)
    exemption_letter = models.CharField(_("huruf pasal 17"), max_length=1, choices=ExemptionLetter.choices, blank=True)
    other_law = models.CharField(_("undang-undang lain"), max_length=300, blank=True)
    harm_test = models.TextField(_("uji konsekuensi"), blank=True)
    public_interest_test = models.TextField(_("uji kepentingan publik"), blank=True)
    considerations = models.TextField(_("pertimbangan tertulis"), blank=True)
    exempt_part = models.TextField(_("bagian yang dikecualikan"), blank=True)
    dip_item = models.ForeignKey("ppid.InformationItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("diuji pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("uji konsekuensi")
        verbose_name_plural = _("uji konsekuensi")
        ordering = ["-reviewed_at"]


class CoordinationMeeting(models.Model):
    """A meeting with the units concerned before a refusal (seed 004), with its signed minutes."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("tanggal rapat"))
    attendees = models.TextField(_("peserta"))
    summary = models.TextField(_("hasil rapat"))
    minutes = models.ForeignKey(Material, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("rapat koordinasi")
        verbose_name_plural = _("rapat koordinasi")


class Notice(models.Model):
    """A written notice to the requester: the decision notice, a refusal decision, or an extension notice."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Pemberitahuan tertulis")
        REFUSAL = "refusal", _("Surat keputusan penolakan")
        EXTENSION = "extension", _("Pemberitahuan perpanjangan waktu")

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor surat"), max_length=60, unique=True)
    decision = models.CharField(_("keputusan"), max_length=16, choices=Decision.choices, blank=True)
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The coordination meeting whose minutes back a refusal (seed 004).
    meeting = models.ForeignKey(
        CoordinationMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("rapat koordinasi")
    )
    material = models.TextField(_("materi informasi yang diberikan"), blank=True)
    withheld = models.TextField(_("bagian yang dihitamkan / dikecualikan dan alasannya"), blank=True)
    format = models.CharField(_("format informasi"), max_length=10, choices=ObtainMethod.choices, blank=True)
    delivery_method = models.CharField(_("cara penyampaian"), max_length=10, choices=DeliveryMethod.choices, blank=True)
    copy_fee = models.DecimalField(_("biaya salinan (Rp)"), max_digits=12, decimal_places=0, default=0)
    # UU KIP pasal 22 ayat (7) huruf c: how a copying cost is paid.
    payment_method = models.CharField(_("cara pembayaran biaya"), max_length=200, blank=True)
    # An extension notice prints the due date it replaces next to the new one.
    previous_due = models.DateField(_("batas waktu sebelumnya"), null=True, blank=True)
    holding_body = models.CharField(_("badan publik yang menguasai"), max_length=300, blank=True)
    body = models.TextField(_("isi / alasan"), blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="notices/%Y/", blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    is_late = models.BooleanField(_("terlambat"), default=False)
    received_by_requester_on = models.DateField(_("diterima pemohon pada"), null=True, blank=True)
    # Set when the notice was issued again with the last day to object (post or pick-up, once receipt is recorded).
    reissued_at = models.DateTimeField(_("diterbitkan ulang pada"), null=True, blank=True)
    # The register entry behind the letter's QR code (its number, date, kind and the PDF's SHA-256).
    document = models.ForeignKey("ppid.IssuedDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("pemberitahuan tertulis")
        verbose_name_plural = _("pemberitahuan tertulis")
        ordering = ["-issued_at"]


class Delivery(models.Model):
    """Handing over or sending the information, with the berita acara or proof of sending."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="deliveries")
    # The berita acara (pick-up) or proof of sending (post, fax, email, download) has its own number series.
    number = models.CharField(_("nomor berita acara"), max_length=60, unique=True, null=True, blank=True)
    method = models.CharField(_("cara penyerahan"), max_length=10, choices=DeliveryMethod.choices)
    delivered_at = models.DateTimeField(_("diserahkan / dikirim pada"))
    recipient_name = models.CharField(_("nama penerima"), max_length=200, blank=True)
    proof_note = models.TextField(_("keterangan bukti"), blank=True)
    proof = models.ForeignKey(Material, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    handover_pdf = models.FileField(_("berita acara"), storage=private_storage, upload_to="handovers/%Y/", blank=True)
    document = models.ForeignKey("ppid.IssuedDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    failed = models.BooleanField(_("gagal diserahkan"), default=False)

    class Meta:
        verbose_name = _("penyerahan informasi")
        verbose_name_plural = _("penyerahan informasi")
        ordering = ["-delivered_at"]


class SearchTrigram(models.Model):
    """How many requests' "information wanted" hold a trigram (PostgreSQL's pg_trgm), counted by a
    nightly task: which word of a phrase the trigram index should look for first
    (requests.register_search). Never edited; an empty table means no word is preferred."""

    trigram = models.CharField(_("trigram"), max_length=16, unique=True)
    request_count = models.PositiveIntegerField(_("jumlah permohonan"))

    class Meta:
        verbose_name = _("statistik trigram pencarian")
        verbose_name_plural = _("statistik trigram pencarian")
        default_permissions = ()
