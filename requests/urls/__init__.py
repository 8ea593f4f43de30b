"""URLs of requests/: intake and public pages (intake.py), back-office processing (processing.py)."""

from . import intake, processing

app_name = "requests"
urlpatterns = [*intake.urlpatterns, *processing.urlpatterns]
