from django.conf import settings
from django.utils import translation


class OfficeLanguageMiddleware:
    """Indonesian first: the language is the one the visitor chose with the switch (its cookie),
    otherwise the office language, whatever the browser's Accept-Language says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CalendarScopeMiddleware:
    """One check of the calendar stamp per request, at the first use of the calendar (see ppid.calendar_cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .calendar_cache import calendar_scope

        with calendar_scope():
            return self.get_response(request)
