"""Settings, read from the environment (see docs/operations.md for every variable).

Defaults give a development set-up that needs no external service: SQLite and
Celery's filesystem broker under ./var. Production sets DJANGO_PROFILE=production.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PPID_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PROFILE = env.str("DJANGO_PROFILE", default="development")
PRODUCTION = PROFILE == "production"

SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else "dev-only-insecure-key-change-me")
if PRODUCTION and not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set in production")
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "ppid.apps.PpidConfig",
    "registry.apps.RegistryConfig",
    "requests.apps.RequestsConfig",
    "objections.apps.ObjectionsConfig",
    "notifications.apps.NotificationsConfig",
    "reports.apps.ReportsConfig",
]

MIDDLEWARE = [
    "ppid.middleware.StackRoomMiddleware",
    "ppid.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ppid.middleware.OfficeLanguageMiddleware",
    "ppid.middleware.StampScopeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "ppid.urls"
# A form refused for its security token explains why and what to do, in the visitor's language.
CSRF_FAILURE_VIEW = "ppid.errors.csrf_failure"
WSGI_APPLICATION = "ppid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ppid.context_processors.office",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: closing per request halves throughput on PostgreSQL.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    # Writers wait for each other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ppid.User"
AUTHENTICATION_BACKENDS = [
    "registry.backends.EmailOrNikBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
# Each role lands on its own start page (ppid.start).
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Indonesian first; msgids are written in Indonesian, English comes from locale/en.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The office's time zone decides every legal date: WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura.
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Public files only (documents the DIP publishes).
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Identity documents and request material: never under a public URL; served by views that
# check permission and log access.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "ppid.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several servers share one file store: PPID_FILE_STORAGE=s3 keeps both stores in one private
# S3-compatible bucket (ppid/storage_s3.py; AWS_* variables in docs/operations.md).
PPID_FILE_STORAGE = env.str("PPID_FILE_STORAGE", default="local")
# Private files are streamed by the views that check permission; with signed URLs (object storage
# only) those views redirect to a URL of the bucket that expires after this many seconds.
PPID_PRIVATE_FILE_SIGNED_URLS = env.bool("PPID_PRIVATE_FILE_SIGNED_URLS", default=False)
PPID_PRIVATE_FILE_URL_SECONDS = env.int("PPID_PRIVATE_FILE_URL_SECONDS", default=60)
if PPID_FILE_STORAGE == "s3":
    from ppid.storage_s3 import s3_storages

    STORAGES.update(
        s3_storages(
            env,
            signed_url_seconds=PPID_PRIVATE_FILE_URL_SECONDS,
            static=env.str("PPID_STATIC_STORAGE", default="local") == "s3",
        )
    )
elif PPID_FILE_STORAGE != "local":
    raise environ.ImproperlyConfigured("PPID_FILE_STORAGE must be 'local' or 's3'")

# A cache shared by every server (CACHE_URL=redis://...); the default keeps nothing shared.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))  # for the file-based backend
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ppid@localhost")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Celery: the default broker needs no service (kombu's filesystem transport under var/);
# production sets CELERY_BROKER_URL=redis://...
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_FILESYSTEM_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None) or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {}  # the schedule is ppid/celery.py's app.conf.beat_schedule

# The office's identity: defaults for what an administrator sets in the admin ("Pengaturan kantor");
# see ppid.office. An empty field in the admin falls back on these.
PPID_OFFICE_NAME = env.str("PPID_OFFICE_NAME", default="PPID Kabupaten Contoh")
PPID_BODY_NAME = env.str("PPID_BODY_NAME", default="Pemerintah Kabupaten Contoh")
PPID_OFFICE_ADDRESS = env.str("PPID_OFFICE_ADDRESS", default="")
PPID_OFFICE_CITY = env.str("PPID_OFFICE_CITY", default="")
PPID_OFFICE_PHONE = env.str("PPID_OFFICE_PHONE", default="")
PPID_OFFICE_EMAIL = env.str("PPID_OFFICE_EMAIL", default="")
PPID_OFFICE_WEBSITE = env.str("PPID_OFFICE_WEBSITE", default="")
# One of the vetted palettes of ppid.office.THEMES (each passes WCAG 2.1 AA contrast).
PPID_THEME = env.str("PPID_THEME", default="biru")
# Cuti bersama (collective leave) is not a working day unless the office says otherwise.
PPID_CUTI_BERSAMA_IS_WORKING_DAY = env.bool("PPID_CUTI_BERSAMA_IS_WORKING_DAY", default=False)
# Register number formats per sequence kind; fields: number, month_roman, month, year.
PPID_REGISTER_NUMBER_FORMATS = {
    "request": env.str("PPID_REQUEST_NUMBER_FORMAT", default="{number:04d}/PPID/{month_roman}/{year}"),
    "objection": env.str("PPID_OBJECTION_NUMBER_FORMAT", default="{number:04d}/KEB-PPID/{month_roman}/{year}"),
    "notice": env.str("PPID_NOTICE_NUMBER_FORMAT", default="{number:04d}/SP-PPID/{month_roman}/{year}"),
    "objection_answer": env.str("PPID_OBJECTION_ANSWER_NUMBER_FORMAT", default="{number:04d}/TANGGAPAN-ATASAN/{month_roman}/{year}"),
    # A refusal is a decision (surat keputusan), numbered apart from the notices.
    "refusal": env.str("PPID_REFUSAL_NUMBER_FORMAT", default="{number:04d}/SK-PPID/{month_roman}/{year}"),
    # Berita acara of handover and proofs of sending share one series.
    "handover": env.str("PPID_HANDOVER_NUMBER_FORMAT", default="{number:04d}/BA-PPID/{month_roman}/{year}"),
    # The PPID's decision fixing the list of exempt information (SK penetapan DIK).
    "exempt_list": env.str("PPID_EXEMPT_LIST_NUMBER_FORMAT", default="{number:03d}/SK-DIK/{year}"),
}
# The portal's public address, printed in the QR code of every letter (its verification page).
# Letters are rendered in background tasks too, where there is no web request to ask.
PPID_SITE_URL = env.str("PPID_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
PPID_UPLOAD_MAX_BYTES = env.int("PPID_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
# Desk intake: a received moment older than this many days needs a written reason.
PPID_BACKDATE_LIMIT_DAYS = env.int("PPID_BACKDATE_LIMIT_DAYS", default=3)
# Identity files of requesters with nothing open are deleted this many days after their last activity.
PPID_IDENTITY_RETENTION_DAYS = env.int("PPID_IDENTITY_RETENTION_DAYS", default=365 * 2)

# Logs: one JSON line per event with the request id in production (ppid/logs.py), text elsewhere;
# PPID_ACCESS_LOG adds one line per request. Celery workers log through the same configuration.
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
PPID_ACCESS_LOG = env.bool("PPID_ACCESS_LOG", default=PRODUCTION)

# Background documents and exports (ppid.generated) are kept this many days, then purged.
PPID_GENERATED_FILE_DAYS = env.int("PPID_GENERATED_FILE_DAYS", default=7)
# Processes laying out one long print (a register of a month) at once; 0: the cores the worker may use, up to 4.
PPID_PRINT_PROCESSES = env.int("PPID_PRINT_PROCESSES", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ppid.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ppid.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # WeasyPrint narrates each rendering step at INFO.
    "loggers": {"ppid": {"level": "INFO"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# GET /health/ (ppid/health.py): seconds each check may wait for the broker or a worker.
PPID_HEALTH_TIMEOUT = env.float("PPID_HEALTH_TIMEOUT", default=2.0)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe each server over plain HTTP

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"

# -- Security and privacy (docs/operations.md, "Security") ------------------------------------
import datetime as _dt  # noqa: E402

INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
# Second factor for staff after the session's user is known; login throttling last (django-axes asks it so).
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1, "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1, "ppid.middleware.StaffSecurityMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = env.int("PPID_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = _dt.timedelta(minutes=env.int("PPID_LOGIN_LOCKOUT_MINUTES", default=15))
# Counted per account (email, NIK and user name of one account are one key) and per client address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "ppid.security.login_account_key"
AXES_CLIENT_IP_CALLABLE = "ppid.security.client_address"
AXES_LOCKOUT_CALLABLE = "ppid.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# Behind a reverse proxy the client address is the last hop it appends to X-Forwarded-For.
PPID_PROXY_COUNT = env.int("PPID_PROXY_COUNT", default=1 if PRODUCTION else 0)

# Mail-sending actions: (per address, per client address, window in seconds); see ppid.throttle.
PPID_THROTTLES = {
    "password_reset": (3, 20, 3600),
    "registration": (3, 20, 3600),
    "confirmation_resend": (3, 20, 3600),
}
# An online registration not confirmed within this many hours is deleted (the link lives as long).
PPID_REGISTRATION_EXPIRY_HOURS = env.int("PPID_REGISTRATION_EXPIRY_HOURS", default=72)
# Identity documents one requester may hold at a time.
PPID_IDENTITY_FILES_MAX = env.int("PPID_IDENTITY_FILES_MAX", default=10)

# Staff: a second factor (TOTP) for these roles unless an administrator decides otherwise per role
# (admin: "Kewajiban verifikasi dua langkah"); staff sessions end sooner than requesters'.
PPID_TWO_FACTOR_ROLES = env.list(
    "PPID_TWO_FACTOR_ROLES", default=["admin", "atasan_ppid", "verifier"] if PRODUCTION else []
)
PPID_STAFF_SESSION_SECONDS = env.int("PPID_STAFF_SESSION_SECONDS", default=8 * 3600)


def OTP_TOTP_ISSUER(device):  # noqa: N802 (django-otp reads a callable setting): the office identity's PPID name
    from ppid.office import office_identity

    return office_identity().ppid_name or PPID_OFFICE_NAME


# The admin lives at a path of the deployment's choosing (ppid/urls.py).
PPID_ADMIN_PATH = env.str("PPID_ADMIN_PATH", default="admin/").strip("/") + "/"

# Notifications (notifications/): the daily deadline sweep tells officers of items due within this
# many working days (or overdue); links in emails start with PPID_SITE_URL (above).
PPID_REMINDER_WORKING_DAYS = env.int("PPID_REMINDER_WORKING_DAYS", default=3)
# Reports (docs/reports.md): on the public "Kinerja layanan" page and in the open data, a count from 1
# up to this number minus one is suppressed (shown as "< N", null in the data): it could identify someone.
PPID_PUBLIC_MIN_COUNT = env.int("PPID_PUBLIC_MIN_COUNT", default=5)
# The open data's licence (name and URL), stated in the JSON and in docs/reports.md.
PPID_OPEN_DATA_LICENCE = env.str("PPID_OPEN_DATA_LICENCE", default="CC BY 4.0")
PPID_OPEN_DATA_LICENCE_URL = env.str("PPID_OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/deed.id")
