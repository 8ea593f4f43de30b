from django.urls import path

from . import views, views_public, views_survey

app_name = "reports"

urlpatterns = [
    path("laporan/", views.ReportView.as_view(), name="report"),
    path("laporan/csv/", views.ReportCsvView.as_view(), name="report-csv"),
    path("laporan/xlsx/", views.ReportXlsxView.as_view(), name="report-xlsx"),
    path("laporan/pdf/", views.ReportPdfView.as_view(), name="report-pdf"),
    path("laporan/rincian/", views.DrilldownView.as_view(), name="drilldown"),
    path("laporan/narasi/<int:year>/", views.NarrativeEditView.as_view(), name="narrative"),
    path("laporan/harian/", views.DailyReportView.as_view(), name="daily"),
    path("permohonan/saya/<int:pk>/survei/", views_survey.SurveyView.as_view(), name="survey"),
    path("permohonan/meja/<int:pk>/survei/", views_survey.DeskSurveyView.as_view(), name="desk-survey"),
    path("permohonan/meja/<int:pk>/survei.pdf", views_survey.DeskSurveyPrintView.as_view(), name="desk-survey-print"),
    path("kinerja-layanan/", views_public.PublicPerformanceView.as_view(), name="public"),
    path("data/kinerja-layanan.json", views_public.OpenDataJsonView.as_view(), name="open-data-json"),
    path("data/kinerja-layanan.csv", views_public.OpenDataCsvView.as_view(), name="open-data-csv"),
]
