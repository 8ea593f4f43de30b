"""Project layer: the requests and objections sections of a requester's personal-data export.

Registered from PpidConfig.ready so that registry/ never imports the apps above it.
"""

from django.utils.translation import gettext_lazy as _

from registry.personal_data import personal_data_section_register


def _iso(moment):
    return moment.isoformat() if moment else None


def requests_of(requester):
    from requests.models import InformationRequest

    return [
        {
            "kode_pelacakan": item.tracking_code,
            "nomor_register": item.register_number,
            "diterima_pada": _iso(item.received_at),
            "saluran": str(item.get_channel_display()),
            "informasi_yang_diminta": item.information_wanted,
            "tujuan": item.purpose,
            "nama_pengguna_informasi": item.information_user_name,
            "nik_pengguna_informasi": item.information_user_nik,
            "status": str(item.get_status_display()),
        }
        for item in InformationRequest.objects.filter(requester=requester).order_by("received_at")
    ]


def objections_of(requester):
    from objections.models import Objection

    return [
        {
            "kode_pelacakan": item.tracking_code,
            "nomor_register": item.register_number,
            "diajukan_pada": _iso(item.submitted_at),
            "nama_kuasa": item.proxy_name,
            "alasan": item.reasons,
            "status": str(item.get_status_display()),
        }
        for item in Objection.objects.filter(requester=requester).order_by("submitted_at")
    ]


def register():
    personal_data_section_register(key="permohonan", title=_("Permohonan informasi"), provider=requests_of)
    personal_data_section_register(key="keberatan", title=_("Keberatan"), provider=objections_of)
