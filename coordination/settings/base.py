"""Stafett settings: the environment, the web stack, security headers, languages, static files, mail.

With no variables set, Stafett runs on the *embedded default* (SQLite file, Celery on kombu's
filesystem broker, e-mail to the console, DEBUG on) so a first look needs no services.
Setting DATABASE_URL switches to PostgreSQL (production and the test suite), REDIS_URL to Redis.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from coordination.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(env_str("STAFETT_VAR_DIR", str(BASE_DIR / "var")))

DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
EMBEDDED = not DATABASE_URL

# DEBUG is only ever on by default in the embedded first-look mode.
DEBUG = env_bool("DEBUG", default=EMBEDDED)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not EMBEDDED:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DATABASE_URL is set.")
    SECRET_KEY = "embedded-demo-only-not-secret"  # noqa: S105 - embedded mode never serves real data
# Key rotation: put the old key here (comma-separated, or a file with one key a line) while the new
# one takes over; sessions and signed links made with an old key keep working until it is removed.
SECRET_KEY_FALLBACKS = [key.strip() for key in env_secret("SECRET_KEY_FALLBACKS").replace(",", "\n").split()]

# Synthetic national identity numbers (Tenor's month + 80 series) for demo and test data only.
SYNTHETIC_NATIONAL_IDS = env_bool("SYNTHETIC_NATIONAL_IDS", default=EMBEDDED)
# The second factor (TOTP) for staff. Only the embedded first-look mode may turn it off, and every
# page then says so; production settings refuse to start without it.
REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", default=not EMBEDDED)
if not REQUIRE_SECOND_FACTOR and not EMBEDDED:
    raise ImproperlyConfigured("REQUIRE_SECOND_FACTOR cannot be off when DATABASE_URL is set (production).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_email",
    "axes",
    "guardian",
    "coordination",
    "pathways",
]

MIDDLEWARE = [
    # First, so every log line of the request (and the response) carries its id.
    "coordination.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "coordination.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coordination.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coordination.accounts.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session lifetime, before the checks below so an expired session is anonymous.
    "coordination.accounts.middleware.SessionTimeoutMiddleware",
    # Pages are closed by default: login, then the second factor. Public views are marked with
    # coordination.access.public, pages of the second-factor step with second_factor_not_required.
    "coordination.accounts.middleware.LoginRequiredMiddleware",
    "coordination.accounts.middleware.SecondFactorRequiredMiddleware",
    # Staff pages for staff, a youth's or relative's own pages for them (404 otherwise).
    "coordination.accounts.middleware.AudienceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coordination.urls"
WSGI_APPLICATION = "coordination.wsgi.application"
ASGI_APPLICATION = "coordination.asgi.application"

TEMPLATES = [
    {
        # Django's engine with the content guard (coordination.models.content).
        "BACKEND": "coordination.web.templates.GuardedTemplates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "coordination.web.context_processors.emergency_banner",
                "django.template.context_processors.csp",
                "coordination.accounts.context_processors.security",
                "coordination.accounts.idporten.context",
            ],
        },
    },
]

# A template that prints content about a youth other than through {% shown %} prints nothing and logs
# an error; strict (the test suite) raises instead, so the tests that render it fail.
CONTENT_GUARD_STRICT = env_bool("CONTENT_GUARD_STRICT", default=False)

# Queries compiled once per process (coordination/prepared.py); checking (the test suite) also compiles
# each call the ordinary way and raises unless the SQL and parameters are the same.
PREPARED_QUERIES_CHECK = env_bool("PREPARED_QUERIES_CHECK", default=False)

# Form fields render through templates/django/forms/ so every form gets Designsystemet markup.
FORM_RENDERER = "coordination.web.form_renderer.FormRenderer"

if EMBEDDED:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "stafett.sqlite3",
            # Web, worker and beat share the file; wait for locks instead of failing.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
else:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str("TEST_DATABASE_NAME") or None
    # The password may come from a secret file instead of the URL (Docker/Kubernetes secrets).
    if _database_password := env_secret("DATABASE_PASSWORD"):
        DATABASES["default"]["PASSWORD"] = _database_password

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (the lockout reads the client
# address from it, and TLS is terminated there).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# HTTPS and browser hardening. Production (DATABASE_URL set) is HTTPS-only; the embedded demo
# runs on http://127.0.0.1 and keeps the defaults there.
HTTPS = env_bool("HTTPS", default=not EMBEDDED)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # The health probes of orchestrators speak plain HTTP inside the cluster.
    SECURE_REDIRECT_EXEMPT = [r"^helse/"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are only accepted over HTTPS, for this exact host, on path /.
    SESSION_COOKIE_NAME = "__Host-stafett-session"
    CSRF_COOKIE_NAME = "__Host-stafett-csrf"
if TRUSTED_PROXY_COUNT:
    # The proxy terminates TLS and says so; without a trusted proxy the header is ignored.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (Django's own): scripts only from this origin and with the per-response
# nonce, no inline styles, never framed. htmx is configured in base.html to add no inline styles
# and evaluate no strings.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Request bodies: there are no file uploads; forms are small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# guardian: no anonymous user object, we never grant anything to anonymous visitors.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_DESIGNSYSTEMET = BASE_DIR / "node_modules" / "@digdir"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("designsystemet", _DESIGNSYSTEMET / "designsystemet-css" / "dist" / "src"),
    ("designsystemet-theme", _DESIGNSYSTEMET / "designsystemet-theme" / "brand"),
    # The theme's font (Inter), as woff2 files with their @font-face CSS: served from 'self' like the rest.
    ("inter", BASE_DIR / "node_modules" / "@fontsource-variable" / "inter"),
]

# Django 6.1's MAILERS: the console in the embedded mode, SMTP otherwise. EMAIL_FILE_PATH writes each
# message to a file instead (development, and the real-worker tests that count what was sent).
_email_file_path = env_str("EMAIL_FILE_PATH")  # not a setting: Django 6.1 refuses the old name
if _email_file_path:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": _email_file_path},
        }
    }
elif EMBEDDED or env_bool("EMAIL_TO_CONSOLE", default=False):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25, minimum=1),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_secret("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
                "timeout": 30,
            },
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Stafett <stafett@localhost>")
# Links in e-mails must be absolute; e-mails are sent by workers, outside any request.
STAFETT_BASE_URL = env_str("STAFETT_BASE_URL", "http://localhost:8000").rstrip("/")

# Page sizes of every paginated list, in one place (coordination.web.views.paginate).
PAGE_SIZES = {
    "youths": env_int("YOUTHS_PER_PAGE", 25, minimum=5),
    "log": 30,
    "reminders": 25,
    "access_log": 50,
    "team_lead": 50,
    # Each table on the team lead's dashboard (the lists behind its figures show "team_lead").
    "dashboard": 20,
    "retention": 50,
}

# Logs go to stdout, one JSON object a line (with the request id) in production, for the log shipper;
# plain text in the embedded mode. Query strings and form data are never logged: they can hold names.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if EMBEDDED else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "coordination.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "coordination.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Our own request log replaces runserver's and gunicorn's access logs (which print query strings).
        "django.server": {"level": "WARNING"},
        # django-axes repeats every login at INFO; our stafett.security events cover them.
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step of a PDF at INFO (documents); their warnings stay.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Municipal statistics: counts under this are not shown (nor any count that would reveal them).
STATISTICS_MIN_CELL = env_int("STATISTICS_MIN_CELL", 5, minimum=3)

# Break the glass: how long emergency access lasts before it must be asked for again.
EMERGENCY_ACCESS_HOURS = env_int("EMERGENCY_ACCESS_HOURS", 4, minimum=1)
# A user reading more distinct youths than this in a week shows up in the team lead's report.
UNUSUAL_ACCESS_YOUTHS_PER_WEEK = env_int("UNUSUAL_ACCESS_YOUTHS_PER_WEEK", 60, minimum=1)
