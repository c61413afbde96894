"""Sign-in settings: staff passwords and the authenticator, lockout, one-time codes and invitations for
youths and relatives, ID-porten, and session lifetimes."""

import datetime
import urllib.parse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coordination.env import env_bool, env_int, env_secret, env_str
from coordination.settings.base import EMBEDDED, SECURE_CSP, VAR_DIR

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
# "/" sends each kind of account to its start page (coordination.access.staff.staff_start_page).
LOGIN_REDIRECT_URL = "home"
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
# Seconds the gateway may take to accept the connection, and again to answer: a code request waits
# for it, so a hanging gateway must not hold the page.
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 10, minimum=1)
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
if OIDC_RP_CLIENT_ID and OIDC_OP_LOGOUT_ENDPOINT:
    # Logging out is a form posted here that redirects to ID-porten; browsers apply form-action to it.
    _logout = urllib.parse.urlsplit(OIDC_OP_LOGOUT_ENDPOINT)
    SECURE_CSP["form-action"].append(f"{_logout.scheme}://{_logout.netloc}")
