"""Demo data for a development portal: an office with three PPID Pembantu units and one user per role.

Safe to run again: existing records are kept, and the demo passwords are set to the printed value.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ppid.law import InformationCategory
from ppid.models import InformationItem, Unit
from ppid.roles import ROLE_LABELS

from ._demo_dispute import demo_dispute
from ._demo_identity import dip_sample_documents, office_identity_fill
from ._demo_objections import demo_objections_load

DEMO_PASSWORD = "demo-ppid-2026"

UNITS = [
    ("ppid-utama", "PPID Utama Kabupaten Contoh", Unit.Kind.MAIN),
    ("dinkes", "PPID Pembantu Dinas Kesehatan", Unit.Kind.ASSISTING),
    ("disdik", "PPID Pembantu Dinas Pendidikan", Unit.Kind.ASSISTING),
    ("bappeda", "PPID Pembantu Badan Perencanaan Pembangunan Daerah", Unit.Kind.ASSISTING),
]

# username, role, unit code, first name, last name
STAFF = [
    ("meja", "desk_officer", "ppid-utama", "Sari", "Wulandari"),
    ("klasifikasi", "classification_reviewer", "ppid-utama", "Budi", "Santoso"),
    ("ppid", "ppid", "ppid-utama", "Rina", "Kartika"),
    ("pembantu", "ppid_pembantu", "dinkes", "Agus", "Pratama"),
    ("atasan", "atasan_ppid", "ppid-utama", "Hendra", "Gunawan"),
    ("sengketa", "dispute_desk", "ppid-utama", "Dewi", "Lestari"),
    ("verifikator", "verifier", "ppid-utama", "Yusuf", "Hidayat"),
    ("admin", "admin", "ppid-utama", "Admin", "PPID"),
]

DIP_ITEMS = [
    ("Laporan Keuangan Pemerintah Daerah Tahun 2025", "bappeda", InformationCategory.PERIODIC),
    ("Rencana Kerja Pemerintah Daerah 2026", "bappeda", InformationCategory.PERIODIC),
    ("Informasi kejadian luar biasa penyakit menular", "dinkes", InformationCategory.IMMEDIATE),
    ("Daftar sekolah negeri dan jumlah siswa", "disdik", InformationCategory.ANY_TIME),
    ("Standar operasional prosedur pelayanan puskesmas", "dinkes", InformationCategory.ANY_TIME),
    ("Rekam medis pasien", "dinkes", InformationCategory.EXEMPT),
]


class Command(BaseCommand):
    help = "Load demo units, staff (one per role), a verified requester, the office identity and DIP items with documents."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development portals only (DEBUG is off).")
        with transaction.atomic():
            units = self._units()
            rows = self._staff(units)
            rows.append(self._requester())
            office_identity_fill()
            self._dip(units)
            dip_sample_documents()
            self._requests()
            demo_objections_load()
            demo_dispute()
        self.stdout.write(self.style.SUCCESS("Data demo siap. Akun demo (kata sandi sama untuk semua):"))
        for username, role in rows:
            self.stdout.write(f"  {username:<22} {role:<32} {DEMO_PASSWORD}")

    def _units(self):
        units = {}
        main = None
        for code, name, kind in UNITS:
            unit, _ = Unit.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "parent": main})
            if kind == Unit.Kind.MAIN:
                main = unit
            units[code] = unit
        return units

    def _staff(self, units):
        User = get_user_model()
        rows = []
        for username, role, unit_code, first, last in STAFF:
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "unit": units[unit_code], "email": f"{username}@ppid.example"},
            )
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == "admin"
            user.is_superuser = role == "admin"
            user.save()
            user.groups.add(Group.objects.get(name=role))
            rows.append((username, str(ROLE_LABELS[role])))
        return rows

    def _requester(self):
        from django.utils import timezone

        from registry.models import Requester

        User = get_user_model()
        email = "warga@contoh.id"
        user, _ = User.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": "Siti", "last_name": "Rahmawati"}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name="requester"))
        Requester.objects.get_or_create(
            user=user,
            defaults=dict(
                kind=Requester.Kind.PERSON,
                nik="3201014506900001",
                full_name="Siti Rahmawati",
                address="Jl. Merdeka No. 10, Kabupaten Contoh",
                occupation="Wiraswasta",
                phone="081234567890",
                email=email,
                verification_status=Requester.Verification.VERIFIED,
                verified_at=timezone.now(),
                email_confirmed_at=timezone.now(),
            ),
        )
        return (email, str(ROLE_LABELS["requester"]))

    def _dip(self, units):
        for title, unit_code, category in DIP_ITEMS:
            InformationItem.objects.get_or_create(
                title=title,
                defaults={
                    "unit": units[unit_code],
                    "category": category,
                    "summary": title,
                    "format": "PDF",
                    "legal_basis": "UU 14/2008 pasal 17 huruf h" if category == InformationCategory.EXEMPT else "",
                },
            )

    def _requests(self):
        """A few requests through the real intake services, so the register and queues are not empty."""
        from django.utils import timezone

        from registry.models import Requester
        from requests.models import Channel, DeliveryMethod, ObtainMethod
        from requests.services.intake import request_record_at_desk, request_submit_online

        User = get_user_model()
        requester = Requester.objects.get(user__username="warga@contoh.id")
        desk = User.objects.get(username="meja")
        now = timezone.now()
        request_submit_online(
            requester=requester,
            user=requester.user,
            information_wanted="Laporan realisasi anggaran Dinas Kesehatan tahun 2025",
            purpose="Bahan penelitian skripsi",
            obtain_method=ObtainMethod.SOFT_COPY,
            delivery_method=DeliveryMethod.EMAIL,
            idempotency_key="demo-online-1",
            now=now,
        )
        request_record_at_desk(
            officer=desk,
            requester=requester,
            channel=Channel.PHONE,
            received_at=now,
            is_complete=True,
            identity_seen=True,
            information_wanted="Daftar sekolah negeri penerima dana BOS 2026",
            purpose="Pengawasan oleh komite sekolah",
            obtain_method=ObtainMethod.HARD_COPY,
            delivery_method=DeliveryMethod.PICK_UP,
            idempotency_key="demo-desk-1",
            now=now,
        )
