"""Back office: queues, forwarding, review, notices, extension, fulfilment; the requester's view of them."""

from django.urls import path

from ..views import files, processing, requester, transitions

urlpatterns = [
    path("kelola/", processing.QueueView.as_view(), name="processing-queue"),
    path("kelola/<int:pk>/", processing.StaffRequestDetailView.as_view(), name="processing-detail"),
    path("kelola/<int:pk>/tugaskan/", transitions.AssignView.as_view(), name="processing-assign"),
    path("kelola/<int:pk>/teruskan/", transitions.ForwardView.as_view(), name="processing-forward"),
    path("kelola/penerusan/<int:pk>/kembalikan/", transitions.ReturnMaterialView.as_view(), name="processing-return"),
    path("kelola/<int:pk>/uji-konsekuensi/", transitions.ReviewView.as_view(), name="processing-review"),
    path("kelola/<int:pk>/rapat-koordinasi/", transitions.MeetingView.as_view(), name="processing-meeting"),
    path("kelola/<int:pk>/perpanjang/", transitions.ExtendView.as_view(), name="processing-extend"),
    path("kelola/<int:pk>/putuskan/", transitions.DecideView.as_view(), name="processing-decide"),
    path("kelola/<int:pk>/serahkan/", transitions.FulfilView.as_view(), name="processing-fulfil"),
    path("kelola/<int:pk>/layani-langsung/", transitions.DeskGrantView.as_view(), name="processing-desk-grant"),
    path("kelola/<int:pk>/tutup/", transitions.CloseView.as_view(), name="processing-close"),
    path("kelola/<int:pk>/cabut/", transitions.StaffWithdrawView.as_view(), name="processing-withdraw"),
    path("kelola/pemberitahuan/<int:pk>/diterima/", transitions.NoticeReceivedView.as_view(), name="processing-notice-received"),
    # Files: each download checks permission (staff in scope, or the requester for what was given to them).
    path("berkas/pemberitahuan/<int:pk>/", files.NoticePdfView.as_view(), name="notice-pdf"),
    path("berkas/bahan/<int:pk>/", files.MaterialDownloadView.as_view(), name="material-download"),
    path("berkas/berita-acara/<int:pk>/", files.HandoverPdfView.as_view(), name="handover-pdf"),
    path("berkas/uji-konsekuensi/<int:pk>/", files.HarmTestSheetView.as_view(), name="harm-test-pdf"),
    # The requester
    path("saya/<int:pk>/proses/", requester.MyRequestProcessingView.as_view(), name="my-request-processing"),
    path("saya/<int:pk>/cabut/", requester.MyRequestWithdrawView.as_view(), name="my-request-withdraw"),
]
