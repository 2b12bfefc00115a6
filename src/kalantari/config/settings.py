"""Settings from the environment, with safe defaults for the embedded demo."""

from __future__ import annotations

from pathlib import Path

import environ

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(environ.Env().str("KALANTARI_HOME", default=str(Path.cwd())))

env = environ.Env()
DEBUG = env.bool("DEBUG", default=False)
# The repository's key is public: a production process refuses it (core.checks, E001).
KALANTARI_DEFAULT_SECRET_KEY = "demo-only-insecure-key-set-SECRET_KEY-in-production-0123456789"  # noqa: S105  # nosec B105
SECRET_KEY = env.str("SECRET_KEY", default=KALANTARI_DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # its templates and static files: /api/v1/docs serves Swagger UI itself, no CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "kalantari.core",
    "kalantari.org",
    "kalantari.access",
    "kalantari.audit",
    "kalantari.people",
    "kalantari.intake",
    "kalantari.cases",
    "kalantari.diary",
    "kalantari.custody",
    "kalantari.evidence",
    "kalantari.seizures",
    "kalantari.oversight",
    "kalantari.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kalantari.core.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kalantari.org.security.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kalantari.core.middleware.NoStoreForStaffMiddleware",
    "kalantari.core.middleware.ServiceUnavailablePageMiddleware",
]

ROOT_URLCONF = "kalantari.config.urls"
WSGI_APPLICATION = "kalantari.config.wsgi.application"
ASGI_APPLICATION = "kalantari.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "kalantari.access.context_processors.access",
            ],
            "builtins": ["kalantari.core.templatetags.kalantari"],
        },
    }
]

# --- database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kalantari.sqlite3'}")
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + synchronous=FULL: an acknowledged report survives a power cut. IMMEDIATE
    # transactions take the write lock up front, so concurrent writers queue instead of failing.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        ),
    }
    if _db.get("NAME") and _db["NAME"] != ":memory:":
        _db.setdefault("TEST", {})["NAME"] = str(_db["NAME"]).replace(".sqlite3", "-test.sqlite3")
else:
    _db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    _db["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "kalantari.access.backends.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "kalantari.org.validators.MaximumLengthValidator"},
    # Django's list of 20,000 common passwords, taken from breach corpora.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "org:login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "intake:home"
SESSION_COOKIE_AGE = 12 * 3600
# CJIS 5.5.5 / ASVS 3.3: re-authenticate after 30 minutes idle and 12 hours in any case.
KALANTARI_SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
KALANTARI_SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=12 * 3600)
# Failed sign-ins slow an attacker without locking the officer out (org/signin.py):
# counted per account AND address, the first 3 free, then waits of 2, 4, 8 … seconds, and
# from the 10th a 15-minute lock that expires by itself (or that the officer's own
# authenticator code lifts); the administrators are told once per lock. An address that
# fails on any accounts (password spraying, made-up names) is slowed after 20 failures,
# at most 5 minutes between tries. Failures are forgotten after a day without one.
KALANTARI_SIGNIN_FREE_FAILURES = env.int("SIGNIN_FREE_FAILURES", default=3)
KALANTARI_SIGNIN_LOCK_FAILURES = env.int("SIGNIN_LOCK_FAILURES", default=10)
KALANTARI_SIGNIN_LOCK_SECONDS = env.int("SIGNIN_LOCK_SECONDS", default=15 * 60)
KALANTARI_SIGNIN_ADDRESS_FREE_FAILURES = env.int("SIGNIN_ADDRESS_FREE_FAILURES", default=20)
KALANTARI_SIGNIN_ADDRESS_MAX_DELAY = env.int("SIGNIN_ADDRESS_MAX_DELAY", default=5 * 60)
KALANTARI_SIGNIN_MEMORY_SECONDS = env.int("SIGNIN_MEMORY_SECONDS", default=24 * 3600)
# Sign-in locks are mailed to the account's unit administrators and to ADMINS (addresses,
# comma-separated) through Django's mail backend (EMAIL_BACKEND, EMAIL_HOST …).
ADMINS = [("", address) for address in env.list("ADMINS", default=[])]
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kalantari@localhost")
# Where staff reach the site, for links in mails (the weekly digest): https://kalantari.example
KALANTARI_SITE_URL = env.str("SITE_URL", default="")
# An enrolment code for a new authenticator is valid this long (shown once to the admin).
KALANTARI_ENROLMENT_CODE_HOURS = env.int("ENROLMENT_CODE_HOURS", default=72)
OTP_TOTP_ISSUER = "Kalantari"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- i18n / time ----------------------------------------------------------------------------
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Tehran")
USE_I18N = True
USE_TZ = True

# --- files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Uploads live outside the web root and are served only through access-checked views.
MEDIA_ROOT = Path(env.str("UPLOAD_ROOT", default=str(BASE_DIR / "var" / "uploads")))
MEDIA_URL = "/uploads-not-served/"
# Keys live outside the database (and, in production, outside the code's directory).
# The demo (make demo) allows `kalantari otp_code` in place of an authenticator app.
KALANTARI_DEMO = env.bool("DEMO", default=False)
KALANTARI_KEY_DIR = Path(env.str("KEY_DIR", default=str(BASE_DIR / "var" / "keys")))
KALANTARI_KEY_FILE = env.str("KEY_FILE", default=str(KALANTARI_KEY_DIR / "kalantari-keys.json"))
# Development and the demo make the key file on first use; production sets this false and
# provisions keys with `kalantari keys init` (or the KALANTARI_KEYS variable).
KALANTARI_KEYS_AUTOCREATE = env.bool("KEYS_AUTOCREATE", default=True)
KALANTARI_AUDIT_SIGNING_KEY_FILE = env.str(
    "AUDIT_SIGNING_KEY_FILE", default=str(KALANTARI_KEY_DIR / "audit-signing-ed25519.pem")
)
KALANTARI_AUDIT_PUBLIC_KEY_FILE = env.str("AUDIT_PUBLIC_KEY_FILE", default="")
# An incident date older than this many years is refused as a slip of the year (1303 for 1403).
KALANTARI_INCIDENT_MAX_YEARS = env.int("INCIDENT_MAX_YEARS", default=20)
KALANTARI_UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=8 * 1024 * 1024)
KALANTARI_UPLOAD_MAX_FILES = env.int("UPLOAD_MAX_FILES", default=5)
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# Uploads past 2.5 MB stream to a temporary file; the first handler counts files and bytes
# as they arrive and skips what is past the limits before it is stored (intake/files.py).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
FILE_UPLOAD_HANDLERS = [
    "kalantari.intake.files.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 50  # a hard stop; past KALANTARI_UPLOAD_MAX_FILES a field error

# --- security headers -----------------------------------------------------------------------
# HTTPS=true in production (behind TLS): secure cookies, redirects and HSTS. The demo and
# the test server speak plain HTTP on 127.0.0.1 and leave it off.
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=True)
    if env.bool("BEHIND_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- citizen status page throttling -------------------------------------------------------------
KALANTARI_SMS_BACKEND = env.str("SMS_BACKEND", default="kalantari.core.sms.ConsoleBackend")
# Citizens' texts go out on a thread after the answer (the gateway's delay must not tell
# whether a tracking code exists); the test suite sends them in line.
KALANTARI_SMS_ASYNC = env.bool("SMS_ASYNC", default=True)
# A request for a texted code takes at least this long, whether or not the report exists.
KALANTARI_STATUS_CODE_MIN_SECONDS = env.float("STATUS_CODE_MIN_SECONDS", default=0.15)
KALANTARI_STATUS_CODE_SECONDS = 10 * 60
KALANTARI_STATUS_CODES_PER_REPORT = 3  # texts per report per status window
# Wrong answers per address, and per code from one address (the guesser is slowed, with
# growing waits), and per code from all addresses together (much higher, so a guesser who
# knows a code cannot lock its citizen out from elsewhere).
KALANTARI_STATUS_ATTEMPTS_PER_IP = env.int("STATUS_ATTEMPTS_PER_IP", default=20)
KALANTARI_STATUS_ATTEMPTS_PER_CODE = env.int("STATUS_ATTEMPTS_PER_CODE", default=5)
KALANTARI_STATUS_ATTEMPTS_PER_CODE_ALL = env.int("STATUS_ATTEMPTS_PER_CODE_ALL", default=100)
KALANTARI_STATUS_WINDOW_SECONDS = 15 * 60
KALANTARI_STATUS_GRANT_SECONDS = 30 * 60
KALANTARI_RECEIPT_SECONDS = 60 * 60
# Filing limits for the public (staff at the desk are exempt). Generous per address, since
# carrier NAT puts many citizens behind one; per person by the national ID's and mobile's
# blind indexes. A refused submission answers 429 with Retry-After.
KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = env.int("REPORTS_PER_ADDRESS_PER_HOUR", default=60)
KALANTARI_REPORTS_PER_PERSON_PER_DAY = env.int("REPORTS_PER_PERSON_PER_DAY", default=10)
KALANTARI_FOLLOWUPS_PER_ADDRESS_PER_HOUR = env.int("FOLLOWUPS_PER_ADDRESS_PER_HOUR", default=60)
KALANTARI_FOLLOWUPS_PER_REPORT_PER_DAY = env.int("FOLLOWUPS_PER_REPORT_PER_DAY", default=20)
# How many proxies of ours stand in front of the app (0: X-Forwarded-For is ignored).
KALANTARI_TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
