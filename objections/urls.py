"""URLs of objections (keberatan); the disputes pages add their paths to the same list."""

from django.urls import path

from .views import atasan, desk, files, register, requester

app_name = "objections"
urlpatterns = [
    # The requester
    path("ajukan/<int:pk>/", requester.MyObjectionFileView.as_view(), name="file-online"),
    path("saya/<int:pk>/", requester.MyObjectionDetailView.as_view(), name="mine-detail"),
    path("saya/<int:pk>/terima/", requester.MyObjectionAcceptView.as_view(), name="mine-accept"),
    # The desk and staff
    path("meja/<int:pk>/catat/", desk.DeskObjectionFileView.as_view(), name="file-desk"),
    path("<int:pk>/", desk.ObjectionDetailView.as_view(), name="detail"),
    # The Atasan PPID
    path("atasan/", atasan.AtasanQueueView.as_view(), name="atasan-queue"),
    path("<int:pk>/pertimbangan/", atasan.OpinionView.as_view(), name="opinion"),
    path("<int:pk>/tanggapan/", atasan.AnswerView.as_view(), name="answer"),
    # Documents and files
    path("<int:pk>/formulir.pdf", files.ObjectionFormPdfView.as_view(), name="form-pdf"),
    path("<int:pk>/tanda-terima.pdf", files.ObjectionReceiptPdfView.as_view(), name="receipt-pdf"),
    path("<int:pk>/tanggapan.pdf", files.AnswerPdfView.as_view(), name="answer-pdf"),
    path("<int:pk>/surat-kuasa/", files.PowerOfAttorneyView.as_view(), name="power-of-attorney"),
    path("pertimbangan/<int:pk>/dokumen/", files.OpinionDocumentView.as_view(), name="opinion-document"),
    # The register
    path("register/", register.RegisterListView.as_view(), name="register"),
    path("register/ekspor.csv", register.RegisterCsvView.as_view(), name="register-csv"),
    path("register/ekspor.xlsx", register.RegisterXlsxView.as_view(), name="register-xlsx"),
    path("register/cetak.pdf", register.RegisterPdfView.as_view(), name="register-pdf"),
]
