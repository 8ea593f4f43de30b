"""Back office: queues, forwarding, review, notices, extension, fulfilment; the requester's view of them."""

from django.urls import path

from ..views import processing as views

urlpatterns = [
    path("kelola/", views.QueueView.as_view(), name="processing-queue"),
    path("kelola/<int:pk>/", views.StaffRequestDetailView.as_view(), name="processing-detail"),
    path("kelola/<int:pk>/tugaskan/", views.AssignView.as_view(), name="processing-assign"),
    path("kelola/<int:pk>/teruskan/", views.ForwardView.as_view(), name="processing-forward"),
    path("kelola/penerusan/<int:pk>/kembalikan/", views.ReturnMaterialView.as_view(), name="processing-return"),
    path("kelola/<int:pk>/uji-konsekuensi/", views.ReviewView.as_view(), name="processing-review"),
    path("kelola/<int:pk>/rapat-koordinasi/", views.MeetingView.as_view(), name="processing-meeting"),
    path("kelola/<int:pk>/perpanjang/", views.ExtendView.as_view(), name="processing-extend"),
    path("kelola/<int:pk>/putuskan/", views.DecideView.as_view(), name="processing-decide"),
    path("kelola/<int:pk>/serahkan/", views.FulfilView.as_view(), name="processing-fulfil"),
    path("kelola/<int:pk>/layani-langsung/", views.DeskGrantView.as_view(), name="processing-desk-grant"),
    path("kelola/<int:pk>/tutup/", views.CloseView.as_view(), name="processing-close"),
    path("kelola/<int:pk>/cabut/", views.StaffWithdrawView.as_view(), name="processing-withdraw"),
    path("kelola/pemberitahuan/<int:pk>/diterima/", views.NoticeReceivedView.as_view(), name="processing-notice-received"),
    # Files: each download checks permission (staff in scope, or the requester for what was given to them).
    path("berkas/pemberitahuan/<int:pk>/", views.NoticePdfView.as_view(), name="notice-pdf"),
    path("berkas/bahan/<int:pk>/", views.MaterialDownloadView.as_view(), name="material-download"),
    path("berkas/berita-acara/<int:pk>/", views.HandoverPdfView.as_view(), name="handover-pdf"),
    # The requester
    path("saya/<int:pk>/proses/", views.MyRequestProcessingView.as_view(), name="my-request-processing"),
    path("saya/<int:pk>/cabut/", views.MyRequestWithdrawView.as_view(), name="my-request-withdraw"),
]
