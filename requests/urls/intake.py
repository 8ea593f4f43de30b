"""Public pages, online and desk intake, tracking, the request register."""

urlpatterns = []
