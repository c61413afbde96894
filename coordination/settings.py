"""Stafett settings: one module, driven by environment variables.

With no variables set, Stafett runs on the *embedded default* (SQLite file, Celery on kombu's
filesystem broker, e-mail to the console, DEBUG on) so a first look needs no services.
Setting DATABASE_URL switches to PostgreSQL (production and the test suite), REDIS_URL to Redis.
"""

import datetime
import urllib.parse
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from coordination.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
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

# The second factor (TOTP) for staff. Only the embedded first-look mode may turn it off, and every
# page then says so; production settings refuse to start without it.
# Synthetic national identity numbers (Tenor's month + 80 series) for demo and test data only.
SYNTHETIC_NATIONAL_IDS = env_bool("SYNTHETIC_NATIONAL_IDS", default=EMBEDDED)
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
    "django_otp.middleware.OTPMiddleware",
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

# Form fields render through templates/django/forms/ so every form gets Designsystemet markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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
AUTH_USER_MODEL = "coordination.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses to even check the password of a locked-out username or address.
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading the user with what every page shows (coordination/accounts/backends.py).
    "coordination.accounts.backends.ModelBackend",
    # Youths and relatives through ID-porten (only when configured; see the ID-porten section below).
    "coordination.accounts.idporten.IDPortenBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_youths"
LOGOUT_REDIRECT_URL = "login"

# Argon2id first; the others only verify (and upgrade) hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Passwords seen in breaches (Have I Been Pwned's k-anonymity range API, only a 5-character hash
    # prefix leaves the server). Off unless the server may reach the API: PASSWORD_BREACH_CHECK=true.
    *(
        [{"NAME": "coordination.accounts.security.BreachedPasswordValidator"}]
        if env_bool("PASSWORD_BREACH_CHECK", default=False)
        else []
    ),
]

# Brute-force protection (django-axes): a username, and separately a client address, is locked for
# LOGIN_LOCKOUT_MINUTES after LOGIN_FAILURE_LIMIT failed logins. Behind a reverse proxy set
# TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For, so the client address
# is the one the outermost trusted proxy saw and cannot be forged by the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=3)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "coordination.accounts.security.client_ip"
AXES_LOCKOUT_CALLABLE = "coordination.accounts.security.lockout_response"
AXES_VERBOSE = False

# Second factor (django-otp). TOTP codes are throttled per device (exponential back-off).
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Stafett")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
RECOVERY_CODE_COUNT = 10

# Youths and relatives sign in with a one-time code by SMS or e-mail (django-otp devices; the SMS
# backend is pluggable: coordination.accounts.sms) or with ID-porten (deploy/README.md).
ONE_TIME_CODE_VALIDITY_SECONDS = env_int("ONE_TIME_CODE_VALIDITY_SECONDS", 300, minimum=30)
ONE_TIME_CODE_COOLDOWN_SECONDS = env_int("ONE_TIME_CODE_COOLDOWN_SECONDS", 30, minimum=0)
# Seconds of wait after a wrong code, doubling with each further wrong one (django-otp's throttling).
ONE_TIME_CODE_THROTTLE_FACTOR = env_int("ONE_TIME_CODE_THROTTLE_FACTOR", 1, minimum=1)
OTP_EMAIL_THROTTLE_FACTOR = ONE_TIME_CODE_THROTTLE_FACTOR
OTP_EMAIL_TOKEN_VALIDITY = ONE_TIME_CODE_VALIDITY_SECONDS
OTP_EMAIL_COOLDOWN_DURATION = ONE_TIME_CODE_COOLDOWN_SECONDS
OTP_EMAIL_SUBJECT = _("Your code for Stafett")
OTP_EMAIL_BODY_TEMPLATE_PATH = "accounts/email/code_body.txt"
OTP_EMAIL_SENDER = env_str("DEFAULT_FROM_EMAIL", "Stafett <stafett@localhost>")
# Codes asked for one address, and from one client address, per hour (whether the address is known
# or not, so the limit says nothing about who has an account).
CODE_REQUESTS_PER_ADDRESS_PER_HOUR = env_int("CODE_REQUESTS_PER_ADDRESS_PER_HOUR", 5, minimum=1)
CODE_REQUESTS_PER_CLIENT_PER_HOUR = env_int("CODE_REQUESTS_PER_CLIENT_PER_HOUR", 30, minimum=1)
INVITATION_DAYS = env_int("INVITATION_DAYS", 7, minimum=1)
# A colleague's invitation (set a password, enrol the authenticator) is valid this long.
STAFF_INVITATION_HOURS = env_int("STAFF_INVITATION_HOURS", 72, minimum=1)
# Only the embedded demo shows the code on the page too (there is no phone to send it to).
ONE_TIME_CODE_ON_PAGE = EMBEDDED and env_bool("ONE_TIME_CODE_ON_PAGE", default=True)
SMS_BACKEND = env_str(
    "SMS_BACKEND",
    "coordination.accounts.sms.ConsoleBackend" if EMBEDDED else "coordination.accounts.sms.HttpBackend",
)
SMS_HTTP_URL = env_str("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env_secret("SMS_HTTP_TOKEN")
SMS_SENDER = env_str("SMS_SENDER", "Stafett")
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(VAR_DIR / "sms"))

# ID-porten (OpenID Connect through mozilla-django-oidc) for youths and relatives: off unless
# OIDC_RP_CLIENT_ID is set. Authorization code flow with state, nonce and PKCE (S256), which cannot be
# turned off; the ID token is checked for signature (JWKS), issuer, audience, expiry and level of
# assurance. What a municipality registers at Digdir and sets here: deploy/README.md ("ID-porten").
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_OP_USER_ENDPOINT = ""  # not used: the pid is in the ID token
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile")
# The level asked for, and the lowest accepted: idporten-loa-substantial (accepts high too) or -high.
OIDC_ACR_VALUES = env_str("OIDC_ACR_VALUES", "idporten-loa-substantial")
# client_secret_basic (true) or client_secret_post (false), as registered at Digdir.
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", default=True)
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_ALLOW_UNSECURED_JWT = False  # never an unsigned ("alg": "none") token
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_CREATE_USER = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False  # the callback keeps the ID token itself, for ID-porten's logout
OIDC_AUTHENTICATION_CALLBACK_URL = "idporten_callback"
OIDC_OP_LOGOUT_URL_METHOD = "coordination.accounts.idporten.provider_logout_url"
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10, minimum=1)
if OIDC_RP_CLIENT_ID:
    _oidc_required = {
        "OIDC_RP_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
        "OIDC_OP_ISSUER": OIDC_OP_ISSUER,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
        "OIDC_OP_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
        "OIDC_OP_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
    }
    if _oidc_missing := [name for name, value in _oidc_required.items() if not value]:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so these must be too: {', '.join(_oidc_missing)}"
        )
    _oidc_urls = (
        OIDC_OP_ISSUER,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
        OIDC_OP_LOGOUT_ENDPOINT,
    )
    if not EMBEDDED and any(url and not url.startswith("https://") for url in _oidc_urls):
        raise ImproperlyConfigured("The ID-porten issuer and endpoints must be https:// URLs.")
    if OIDC_ACR_VALUES not in ("idporten-loa-substantial", "idporten-loa-high"):
        raise ImproperlyConfigured("OIDC_ACR_VALUES must be idporten-loa-substantial or idporten-loa-high.")
    if "openid" not in OIDC_RP_SCOPES.split():
        raise ImproperlyConfigured("OIDC_RP_SCOPES must include openid.")

# Sessions live server-side (database). A session ends after SESSION_IDLE_MINUTES without a request
# and SESSION_MAX_HOURS after login at the latest, and the cookie dies with the browser.
SESSION_IDLE_TIMEOUT = datetime.timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30, minimum=1))
SESSION_ABSOLUTE_TIMEOUT = datetime.timedelta(hours=env_int("SESSION_MAX_HOURS", 12, minimum=1))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # the token reaches htmx through hx-headers in the page, never the cookie

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
if OIDC_RP_CLIENT_ID and OIDC_OP_LOGOUT_ENDPOINT:
    # Logging out is a form posted here that redirects to ID-porten; browsers apply form-action to it.
    _logout = urllib.parse.urlsplit(OIDC_OP_LOGOUT_ENDPOINT)
    SECURE_CSP["form-action"].append(f"{_logout.scheme}://{_logout.netloc}")

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

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, which needs no server.
# Reliability (each setting has a test in tests/pathways/test_celery_reliability.py and the real-worker
# tests): a task is acknowledged only after it has run (acks_late), and given back to the broker when
# its worker process dies (reject_on_worker_lost), so a crash loses nothing; every task has a hard time
# limit, and Redis redelivers an unacknowledged message only after the visibility timeout, which must
# therefore be longer than the longest task and the longest retry countdown, or a slow task would run
# twice; retries are bounded and back off; tasks are enqueued only after the transaction commits
# (transaction.on_commit in the services), so a rolled-back change never sends anything.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600, minimum=1)
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # How often a worker looks for messages whose worker died (kombu's default is ~100 s).
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1),
        "unacked_restore_throttle": 1,
    }
else:
    _broker_dir = VAR_DIR / "celery-broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One queue name per deployment (or per test run, so a stray worker never takes another run's messages).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "stafett")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Workers and beat log through LOGGING below (JSON in production) instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# /helse/ reports beat as failing when its last heartbeat is older than this.
HEALTH_BEAT_MAX_AGE = datetime.timedelta(minutes=env_int("HEALTH_BEAT_MAX_AGE_MINUTES", 5, minimum=2))

# Reminders instead of discharge (pathways/sweep.py). Thresholds are business settings, in days.
REMINDER_SWEEP_MINUTES = env_int("REMINDER_SWEEP_MINUTES", 10, minimum=1)
# An overdue evaluation goes to the responsible person, then the stafettholder, then the team lead.
REMINDER_ESCALATE_TO_HOLDER_DAYS = env_int("REMINDER_ESCALATE_TO_HOLDER_DAYS", 7, minimum=0)
REMINDER_ESCALATE_TO_LEAD_DAYS = env_int("REMINDER_ESCALATE_TO_LEAD_DAYS", 14, minimum=0)
if REMINDER_ESCALATE_TO_LEAD_DAYS < REMINDER_ESCALATE_TO_HOLDER_DAYS:
    raise ImproperlyConfigured("REMINDER_ESCALATE_TO_LEAD_DAYS must not be shorter than ..._TO_HOLDER_DAYS.")
# Longest time without logged contact, by BTI level, unless the youth has their own interval.
REMINDER_FOLLOW_UP_DAYS_BY_LEVEL = {
    level: env_int(f"REMINDER_FOLLOW_UP_DAYS_LEVEL_{level}", default, minimum=1)
    for level, default in ((0, 60), (1, 30), (2, 14), (3, 7))
}
REMINDER_OUTREACH_WORKING_DAYS = env_int("REMINDER_OUTREACH_WORKING_DAYS", 2, minimum=1)
REMINDER_HANDOVER_ACCEPT_DAYS = env_int("REMINDER_HANDOVER_ACCEPT_DAYS", 3, minimum=1)
REMINDER_TURNING_18_MONTHS = env_int("REMINDER_TURNING_18_MONTHS", 6, minimum=1)
REMINDER_CONSENT_NOTICE_DAYS = env_int("REMINDER_CONSENT_NOTICE_DAYS", 14, minimum=1)
# How long the stafettholder is reminded that another service tried to register the youth.
REMINDER_REGISTRATION_ATTEMPT_DAYS = env_int("REMINDER_REGISTRATION_ATTEMPT_DAYS", 30, minimum=1)
# Dotted path to the consent deadline source (see pathways/sweep.py, ConsentDeadlines); empty switches
# rule 4 off.
REMINDER_CONSENT_SOURCE = env_str(
    "REMINDER_CONSENT_SOURCE", "coordination.selectors.consents.consent_deadlines"
)
# No e-mail between these hours, Oslo time (held until the end of the quiet period); equal values: none.
REMINDER_EMAIL_QUIET_START = env_int("REMINDER_EMAIL_QUIET_START", 22, minimum=0)
REMINDER_EMAIL_QUIET_END = env_int("REMINDER_EMAIL_QUIET_END", 7, minimum=0)
if max(REMINDER_EMAIL_QUIET_START, REMINDER_EMAIL_QUIET_END) > 23:
    raise ImproperlyConfigured("REMINDER_EMAIL_QUIET_START and _END are hours from 0 to 23.")
REMINDER_EMAIL_MAX_RETRIES = env_int("REMINDER_EMAIL_MAX_RETRIES", 6, minimum=0)
REMINDER_EMAIL_RETRY_BACKOFF_MAX = env_int("REMINDER_EMAIL_RETRY_BACKOFF_MAX", 1800, minimum=1)
# A reminder whose e-mail task vanished (broker restarted without persistence) is queued again after this.
REMINDER_EMAIL_REQUEUE_MINUTES = env_int("REMINDER_EMAIL_REQUEUE_MINUTES", 30, minimum=1)
REMINDER_EMAIL_BATCH = env_int("REMINDER_EMAIL_BATCH", 500, minimum=1)
if max(CELERY_TASK_TIME_LIMIT, REMINDER_EMAIL_RETRY_BACKOFF_MAX) >= CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT and "
        "REMINDER_EMAIL_RETRY_BACKOFF_MAX, or Redis hands a running task to a second worker."
    )

# The one beat schedule. Run exactly one beat process (deploy/README.md). Every entry expires within
# its interval: a run that waited too long is dropped, because the next one derives the same again.
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "pathways.sweep_reminders",
        "schedule": REMINDER_SWEEP_MINUTES * 60,
        "options": {"expires": REMINDER_SWEEP_MINUTES * 60},
    },
    "reminder-emails": {
        "task": "pathways.dispatch_reminder_emails",
        "schedule": 60,
        "options": {"expires": 60},
    },
    # Youths and relatives hear of a new or changed meeting or step (pathways/services/notifications.py).
    "notifications": {
        "task": "pathways.dispatch_notifications",
        "schedule": 60,
        "options": {"expires": 60},
    },
    # Proves to the health endpoint that beat schedules and a worker runs what it schedules.
    "heartbeat": {"task": "coordination.tasks.heartbeat", "schedule": 60.0, "options": {"expires": 60}},
    "clear-expired-sessions": {
        "task": "coordination.tasks.clear_expired_sessions",
        "schedule": 3600.0,
        "options": {"expires": 3600},
    },
}

# Page sizes of every paginated list, in one place (coordination.web.views.paginate).
PAGE_SIZES = {
    "youths": env_int("YOUTHS_PER_PAGE", 25, minimum=5),
    "log": 30,
    "reminders": 25,
    "access_log": 50,
    "team_lead": 50,
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
    },
}

# Municipal statistics: counts under this are not shown (nor any count that would reveal them).
STATISTICS_MIN_CELL = env_int("STATISTICS_MIN_CELL", 5, minimum=3)

# Break the glass: how long emergency access lasts before it must be asked for again.
EMERGENCY_ACCESS_HOURS = env_int("EMERGENCY_ACCESS_HOURS", 4, minimum=1)
# A user reading more distinct youths than this in a week shows up in the team lead's report.
UNUSUAL_ACCESS_YOUTHS_PER_WEEK = env_int("UNUSUAL_ACCESS_YOUTHS_PER_WEEK", 60, minimum=1)
