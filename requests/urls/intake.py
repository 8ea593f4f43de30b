"""Public pages, online and desk intake, tracking, the request register."""

from django.urls import path

from ..views import intake, public, register

urlpatterns = [
    # The requester
    path("ajukan/", intake.OnlineRequestView.as_view(), name="submit"),
    path("saya/", intake.MyRequestsView.as_view(), name="mine"),
    path("saya/<int:pk>/", intake.MyRequestDetailView.as_view(), name="mine-detail"),
    path("saya/<int:pk>/tanda-bukti.pdf", intake.MyReceiptView.as_view(), name="mine-receipt"),
    # Anyone holding a register number and its tracking code
    path("status/", public.PublicStatusView.as_view(), name="status"),
    # The desk
    path("meja/catat/", intake.DeskIntakeView.as_view(), name="desk-create"),
    path("meja/<int:pk>/", intake.DeskRequestDetailView.as_view(), name="desk-detail"),
    path("meja/<int:pk>/lengkapi/", intake.DeskCompleteView.as_view(), name="desk-complete"),
    path("meja/<int:pk>/tanda-bukti.pdf", intake.DeskReceiptView.as_view(), name="desk-receipt"),
    path("meja/<int:pk>/formulir.pdf", intake.DeskRequestFormPdfView.as_view(), name="desk-form"),
    # The register
    path("register/", register.RegisterListView.as_view(), name="register"),
    path("register/ekspor.csv", register.RegisterCsvView.as_view(), name="register-csv"),
    path("register/ekspor.xlsx", register.RegisterXlsxView.as_view(), name="register-xlsx"),
    path("register/cetak.pdf", register.RegisterPdfView.as_view(), name="register-pdf"),
]
