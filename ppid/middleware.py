from django.conf import settings
from django.utils import translation

from .stack_room import with_stack_room


class StackRoomMiddleware:
    """Serves the request under a frame that keeps its deep calls in one chunk of frame memory
    (see ppid.stack_room: the register page, the work queue and the receipt spent a tenth to a
    quarter of their time mapping and unmapping it). First in MIDDLEWARE, so it holds every layer
    until the response is returned; a streamed body (the register's CSV, a file) is iterated by the
    server afterwards, outside it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return with_stack_room(self.get_response, request)


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


class StampScopeMiddleware:
    """One read of the stamps per request, at the first use of a cached snapshot: the calendar, the
    shared configuration (see ppid.stamps)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .stamps import stamp_scope

        with stamp_scope():
            return self.get_response(request)


class StaffSecurityMiddleware:
    """Staff accounts: the TOTP second factor where their role requires it (the shorter session is
    set at login, ``ppid.security.staff_session_shorten``).

    A staff member whose role needs a second factor and whose session is not yet verified
    (django-otp) is sent to enrol a device or to enter a code before any other page, the admin
    included."""

    OPEN_PREFIXES = ("/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.urls import reverse

        from .security import is_staff_account, two_factor_required

        user = getattr(request, "user", None)
        if user is not None and is_staff_account(user):
            open_paths = (reverse("two-factor"), reverse("two-factor-setup"), reverse("logout"))
            path = request.path
            if not user.is_verified() and not path.startswith((*open_paths, *self.OPEN_PREFIXES)) and two_factor_required(user):
                from urllib.parse import urlencode

                target = reverse("two-factor")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)
