"""The dispute desk (/sengketa/) and the requester's escalation."""

from django.urls import path

from . import views_disputes as views

app_name = "disputes"

urlpatterns = [
    path("", views.DisputeQueueView.as_view(), name="queue"),
    path("<int:pk>/", views.DisputeDetailView.as_view(), name="detail"),
    path("<int:pk>/registrasi/", views.RegisterView.as_view(), name="register"),
    path("<int:pk>/pemeriksaan-awal/", views.PreliminaryView.as_view(), name="preliminary"),
    path("<int:pk>/mediasi/", views.MediationView.as_view(), name="mediation"),
    path("<int:pk>/mediasi/perpanjang/", views.MediationExtendView.as_view(), name="mediation-extend"),
    path("<int:pk>/ajudikasi/", views.AdjudicationView.as_view(), name="adjudication"),
    path("<int:pk>/putusan/", views.DecideView.as_view(), name="decide"),
    path("<int:pk>/pengadilan/", views.CourtView.as_view(), name="court"),
    path("<int:pk>/kasasi/", views.CassationView.as_view(), name="cassation"),
    path("<int:pk>/selesai/", views.CloseView.as_view(), name="close"),
    path("<int:pk>/sidang/", views.HearingView.as_view(), name="hearing"),
    path("<int:pk>/dokumen/", views.DocumentAddView.as_view(), name="document-add"),
    path("<int:pk>/berkas.pdf", views.DossierView.as_view(of="dispute"), name="dossier"),
    path("dokumen/<int:pk>/", views.DocumentFileView.as_view(), name="document-file"),
    path("keberatan/<int:pk>/catat/", views.OpenView.as_view(), name="open"),
    path("keberatan/<int:pk>/berkas.pdf", views.DossierView.as_view(of="objection"), name="objection-dossier"),
    path("keberatan/<int:pk>/ajukan/", views.EscalateView.as_view(), name="escalate"),
]
