"""URLs of registry/, included at /pemohon/."""

from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("daftar/", views.RegisterChoiceView.as_view(), name="register"),
    path("daftar/terkirim/", views.RegisterDoneView.as_view(), name="register-done"),
    path("daftar/kirim-ulang/", views.EmailResendView.as_view(), name="email-resend"),
    path("daftar/<str:kind>/", views.RegisterView.as_view(), name="register-kind"),
    path("konfirmasi-email/<str:token>/", views.EmailConfirmView.as_view(), name="email-confirm"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("profil/ubah/", views.ProfileEditView.as_view(), name="profile-edit"),
    path("profil/data-saya.json", views.PersonalDataJsonView.as_view(), name="personal-data-json"),
    path("profil/data-saya.pdf", views.PersonalDataPdfView.as_view(), name="personal-data-pdf"),
    path("profil/ajukan-verifikasi/", views.VerificationSubmitView.as_view(), name="verification-submit"),
    path("profil/log-akses/", views.AccessLogView.as_view(), name="access-log"),
    path("dokumen/unggah/", views.DocumentUploadView.as_view(), name="document-upload"),
    path("dokumen/<int:pk>/", views.DocumentFileView.as_view(), name="document-file"),
    path("dokumen/<int:pk>/hapus/", views.DocumentDeleteView.as_view(), name="document-delete"),
    path("verifikasi/", views.VerificationQueueView.as_view(), name="verification-queue"),
    path("verifikasi/<int:pk>/", views.VerificationDetailView.as_view(), name="verification-detail"),
    path("verifikasi/<int:pk>/setujui/", views.VerificationApproveView.as_view(), name="verification-approve"),
    path("verifikasi/<int:pk>/tolak/", views.VerificationRejectView.as_view(), name="verification-reject"),
    path("<int:pk>/laporan-akses/", views.AccessReportView.as_view(), name="access-report"),
    path("meja/cari/", views.DeskSearchView.as_view(), name="desk-search"),
    path("meja/baru/", views.DeskCreateView.as_view(), name="desk-create"),
    path("meja/<int:pk>/verifikasi/", views.DeskVerifyView.as_view(), name="desk-verify"),
]
