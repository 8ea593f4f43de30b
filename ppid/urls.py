from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from registry.forms import LoginForm

from . import auth_views as throttled_auth
from . import two_factor, views, views_files, views_letters
from .health import health_view

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("mulai/", views.StartView.as_view(), name="start"),
    path("kalender-kerja/", views.WorkingCalendarView.as_view(), name="working-calendar"),
    path("maklumat-pelayanan/", views.HomeView.as_view(charter_only=True), name="service-charter"),
    path("informasi-publik/", views.DipListView.as_view(), name="dip-list"),
    path("informasi-publik/tambah/", views.DipEditView.as_view(), name="dip-create"),
    path("informasi-publik/dikecualikan/penetapan/", views_letters.ExemptListView.as_view(), name="exempt-list"),
    path("informasi-publik/dikecualikan/penetapan/<int:pk>/", views_letters.ExemptListPdfView.as_view(), name="exempt-list-pdf"),
    path("informasi-publik/<int:pk>/", views.DipDetailView.as_view(), name="dip-detail"),
    path("informasi-publik/<int:pk>/ubah/", views.DipEditView.as_view(), name="dip-edit"),
    path("informasi-publik/<int:pk>/dokumen/", views.DipDocumentView.as_view(), name="dip-document"),
    path("kantor/logo/<str:filename>", views.OfficeLogoView.as_view(), name="office-logo"),
    path("verifikasi-surat/<str:token>/", views_letters.LetterVerifyView.as_view(), name="letter-verify"),
    path("unduhan/", views_files.GeneratedFileListView.as_view(), name="generated-files"),
    path("unduhan/<int:pk>/", views_files.GeneratedFileDetailView.as_view(), name="generated-file"),
    path("unduhan/<int:pk>/status/", views_files.GeneratedFileStatusView.as_view(), name="generated-file-status"),
    path("unduhan/<int:pk>/berkas/", views_files.GeneratedFileDownloadView.as_view(), name="generated-file-download"),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("masuk/dua-langkah/", two_factor.TwoFactorView.as_view(), name="two-factor"),
    path("masuk/dua-langkah/atur/", two_factor.TwoFactorSetupView.as_view(), name="two-factor-setup"),
    path("sandi/lupa/", throttled_auth.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("sandi/atur/<uidb64>/<token>/", throttled_auth.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("sandi/atur/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("pemohon/", include("registry.urls")),
    path("permohonan/", include("requests.urls")),
    path("keberatan/", include("objections.urls")),
    path("sengketa/", include("objections.urls_disputes")),
    path("pemberitahuan/", include("notifications.urls")),
    path("", include("reports.urls")),
    path(settings.PPID_ADMIN_PATH, admin.site.urls),
    path("health/", health_view, name="health"),
]

handler400 = "ppid.errors.bad_request"
handler403 = "ppid.errors.permission_denied"
handler404 = "ppid.errors.page_not_found"
handler500 = "ppid.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    # Public DIP documents only; identity and request files are never under MEDIA_URL.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
