"""The constants of the law, each named once with the article it comes from.

UU 14/2008 (Keterbukaan Informasi Publik, "UU KIP"), Perki 1/2021 (Standar Layanan
Informasi Publik) and Perki 1/2013 (Prosedur Penyelesaian Sengketa Informasi Publik).
Every period here is counted in working days by ppid.workdays, never in calendar days.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# UU KIP pasal 22 ayat (7): written notice no later than 10 working days after receipt.
NOTICE_WORKING_DAYS = 10
# UU KIP pasal 22 ayat (8): the PPID may extend once, by at most 7 working days, with written reasons.
EXTENSION_WORKING_DAYS = 7
# UU KIP pasal 36 ayat (1): an objection is filed within 30 working days of the ground arising.
OBJECTION_WINDOW_WORKING_DAYS = 30
# UU KIP pasal 36 ayat (2): the Atasan PPID answers in writing within 30 working days.
ATASAN_ANSWER_WORKING_DAYS = 30
# UU KIP pasal 37 ayat (2): a dispute is filed with the Komisi Informasi within 14 working days
# of the Atasan's answer (or of the answer period lapsing).
DISPUTE_FILING_WORKING_DAYS = 14
# Perki 1/2013 pasal 38: mediation takes 14 working days, extendable once by 7.
MEDIATION_WORKING_DAYS = 14
MEDIATION_EXTENSION_WORKING_DAYS = 7
# UU KIP pasal 38 ayat (2): the Komisi Informasi settles a dispute within 100 working days.
DISPUTE_SETTLEMENT_WORKING_DAYS = 100
# SOP Banyuwangi (seed 004): a coordination meeting before a refusal within 3 working days of receipt.
COORDINATION_MEETING_WORKING_DAYS = 3


class ExemptionLetter(models.TextChoices):
    """UU KIP pasal 17: information exempt from disclosure."""

    A = "a", _("a. menghambat proses penegakan hukum")
    B = "b", _("b. mengganggu kepentingan perlindungan hak atas kekayaan intelektual dan persaingan usaha tidak sehat")
    C = "c", _("c. membahayakan pertahanan dan keamanan negara")
    D = "d", _("d. mengungkapkan kekayaan alam Indonesia")
    E = "e", _("e. merugikan ketahanan ekonomi nasional")
    F = "f", _("f. merugikan kepentingan hubungan luar negeri")
    G = "g", _("g. mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir ataupun wasiat seseorang")
    H = "h", _("h. mengungkap rahasia pribadi")
    I = "i", _("i. memorandum atau surat-surat antar badan publik atau intra badan publik yang menurut sifatnya dirahasiakan")  # noqa: E741
    J = "j", _("j. informasi yang tidak boleh diungkapkan berdasarkan undang-undang")


class ObjectionGround(models.TextChoices):
    """UU KIP pasal 35 ayat (1): the grounds on which a requester may object."""

    A = "a", _("a. penolakan atas permintaan informasi berdasarkan alasan pengecualian pasal 17")
    B = "b", _("b. tidak disediakannya informasi berkala sebagaimana dimaksud pasal 9")
    C = "c", _("c. tidak ditanggapinya permintaan informasi")
    D = "d", _("d. permintaan informasi ditanggapi tidak sebagaimana yang diminta")
    E = "e", _("e. tidak dipenuhinya permintaan informasi")
    F = "f", _("f. pengenaan biaya yang tidak wajar")
    G = "g", _("g. penyampaian informasi yang melebihi waktu yang diatur dalam undang-undang")


class InformationCategory(models.TextChoices):
    """UU KIP pasal 9-11 and 17: the categories of the Daftar Informasi Publik."""

    PERIODIC = "berkala", _("Informasi berkala (pasal 9)")
    IMMEDIATE = "serta_merta", _("Informasi serta merta (pasal 10)")
    ANY_TIME = "setiap_saat", _("Informasi tersedia setiap saat (pasal 11)")
    EXEMPT = "dikecualikan", _("Informasi dikecualikan (pasal 17)")
