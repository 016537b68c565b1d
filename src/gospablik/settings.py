"""Django settings. The only module that reads the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from gospablik.envconf import envbool, envint, envlist, envsecret, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(envstr("GOSPABLIK_VAR_DIR", str(Path.cwd() / "var"))).resolve()

PRODUCTION = envstr("GOSPABLIK_ENV", "development") == "production"
DEBUG = envbool("GOSPABLIK_DEBUG", default=False)
_dev_file = None if PRODUCTION else VAR_DIR / "dev-secrets"

SECRET_KEY = envsecret(
    "GOSPABLIK_SECRET_KEY", dev_fallback_file=_dev_file and _dev_file / "secret_key"
)
# Keys for credentials at rest (Fernet, comma-separated; the first encrypts, all decrypt).
ENCRYPTION_KEYS = envsecret(
    "GOSPABLIK_ENCRYPTION_KEYS", dev_fallback_file=_dev_file and _dev_file / "fernet_keys"
)
# Keys of the audit chain's HMAC and its checkpoints ("id:secret", comma-separated, newest
# first; docs/security.md, "Audit anchoring").
AUDIT_KEYS = envsecret(
    "GOSPABLIK_AUDIT_KEYS", dev_fallback_file=_dev_file and _dev_file / "audit_keys"
)
ALLOWED_HOSTS = envlist("GOSPABLIK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("GOSPABLIK_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("GOSPABLIK_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "gospablik.audit",
    "gospablik.security",
    "gospablik.orgs",
    "gospablik.policy",
    "gospablik.duties",
    "gospablik.registry",
    "gospablik.networks",
    "gospablik.content",
    "gospablik.approvals",
    "gospablik.moderation",
    "gospablik.dialogue",
    "gospablik.styleguide",
    "gospablik.analytics",
    "gospablik.passport",
    "gospablik.web",
    "gospablik.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gospablik.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gospablik.web.middleware.SecurityHeadersMiddleware",
    "gospablik.policy.middleware.PolicyPerRequestMiddleware",  # issue 18
    "gospablik.web.middleware.IdRangeMiddleware",
]

ROOT_URLCONF = "gospablik.urls"
WSGI_APPLICATION = "gospablik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gospablik.web.context.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gospablik.sqlite3'}"),
        # Persistent in production: a request (a network's Callback) must not pay for a
        # new connection. Not in development: runserver's threads would each keep one.
        conn_max_age=envint("GOSPABLIK_DB_CONN_MAX_AGE", 600 if PRODUCTION else 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and IMMEDIATE transactions let the web process and the workers write concurrently.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # A file, not memory: the live server of browser tests then opens its own connections
    # per request thread instead of sharing one across threads.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
elif envbool("GOSPABLIK_DB_PREPARED_STATEMENTS", default=False):
    # psycopg binds parameters on the server and prepares a statement on its 5th use on a
    # connection; PostgreSQL then skips parsing and planning it (docs/moderation.md,
    # "Runtime"). Not behind PgBouncer in transaction mode; restart after migrations.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Novokuznetsk"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = True  # serve app static files even before collectstatic
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
MEDIA_ROOT = VAR_DIR / "media"  # outside the web root; served only through permission-checked views

SESSION_COOKIE_AGE = envint("GOSPABLIK_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS in production (behind TLS); authenticated pages are never stored by a cache.
SECURE_HSTS_SECONDS = envint("GOSPABLIK_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # other services may share the parent domain
GOSPABLIK_NO_STORE = envbool("GOSPABLIK_NO_STORE", default=PRODUCTION)

EMAIL_BACKEND = envstr(
    "GOSPABLIK_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "outbox"
EMAIL_HOST = envstr("GOSPABLIK_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("GOSPABLIK_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = envstr("GOSPABLIK_FROM_EMAIL", "gospablik@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "gospablik.security.apiauth.ApiTokenAuthentication",  # docs/security.md, "API tokens"
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "gospablik.security.apiauth.SecondFactor",  # the second factor on every path
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "gospablik.api.pagination.CappedPagination",  # issue 18
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gospablik API",
    "DESCRIPTION": "Official social-media accounts of a government body, run by its regulation.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Tags by module: /api/m/{ministry}/content/… is «content», not «m».
    "SCHEMA_PATH_PREFIX": r"/api/(?:m/\{ministry\}/)?",
}
# The schema and its docs page list every endpoint: logged-in people only in production.
GOSPABLIK_API_DOCS_LOGIN = envbool("GOSPABLIK_API_DOCS_LOGIN", default=PRODUCTION)

# Celery: Redis (or any broker URL) in production; an embedded filesystem broker by default.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "filesystem://")
_broker_dir = VAR_DIR / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(_broker_dir / "control"),
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
if CELERY_BROKER_URL.startswith("filesystem"):  # kombu needs its folders to exist
    (_broker_dir / "control").mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = envbool("GOSPABLIK_CELERY_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"


def every(seconds: float, task: str) -> dict[str, object]:
    """A Celery beat entry: run `task` every `seconds`."""
    return {"task": task, "schedule": seconds}


CELERY_BEAT_SCHEDULE = {
    "duties-tick": every(60.0, "gospablik.duties.tasks.tick"),
    "vk-longpoll": every(15.0, "gospablik.networks.tasks.vk_longpoll"),
    "analytics-collect": every(900.0, "gospablik.analytics.tasks.collect"),
    "analytics-weekly": every(3600.0, "gospablik.analytics.tasks.weekly"),
}
REDIS_URL = envstr("GOSPABLIK_REDIS_URL", "")
# Keys of the shared rate limiter in Redis (several installations may share one Redis).
RATELIMIT_PREFIX = envstr("GOSPABLIK_RATELIMIT_PREFIX", "gospablik:")
# Hosts the connectors may reach although they are private/loopback (the local emulators).
NETWORK_ALLOW_HOSTS = envlist(
    "GOSPABLIK_NETWORK_ALLOW_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "gospablik.logredact.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": envstr("GOSPABLIK_LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        # runserver's access log: through the redacting handler (OK's webhook URL has a secret)
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "pymorphy3": {"level": "WARNING"},
    },
}

# --- Security (issue 8): login lockout, second factor, snapshots of the accounts ----------
# django-axes: 5 failed logins for one username from one address lock it for an hour.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += [
    "gospablik.security.middleware.CurrentActorMiddleware",  # who acts, for signal audits
    "gospablik.security.middleware.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]
AUTHENTICATION_BACKENDS = [
    "gospablik.security.backends.LockoutBackend",  # an AxesStandaloneBackend
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("GOSPABLIK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("GOSPABLIK_LOGIN_LOCKOUT_HOURS", 1)  # hours
# Per username and address; per username across addresses (password spraying) a higher
# limit, and never at an address the person logged in from: gospablik.security.lockout.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "gospablik.security.lockout.LockoutHandler"
GOSPABLIK_LOGIN_USERNAME_LIMIT = envint("GOSPABLIK_LOGIN_USERNAME_LIMIT", 20)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False
# TOTP for everyone who can publish, approve, moderate or touch credentials.
GOSPABLIK_REQUIRE_2FA = envbool("GOSPABLIK_REQUIRE_2FA", default=PRODUCTION)  # see docs/security.md
OTP_TOTP_ISSUER = "gospablik"
SECURITY_SNAPSHOT_SECONDS = envint("GOSPABLIK_SNAPSHOT_SECONDS", 600)
# Signed checkpoints of the audit chain, appended to a file the database cannot rewrite.
AUDIT_CHECKPOINT_FILE = Path(
    envstr("GOSPABLIK_AUDIT_CHECKPOINT_FILE", str(VAR_DIR / "audit" / "checkpoints.jsonl"))
)
CELERY_BEAT_SCHEDULE.update(
    {
        "security-snapshots": every(60.0, "gospablik.security.tasks.snapshot_all"),
        "security-credentials": every(3600.0, "gospablik.security.tasks.check_credentials"),
        "audit-checkpoint": every(300.0, "gospablik.audit.tasks.checkpoint"),
    }
)

# --- Moderation (issue 5): finish interrupted deletions, poll OK, review SLA, ban terms ----
CELERY_BEAT_SCHEDULE.update(
    {
        "moderation-recover": every(60.0, "gospablik.moderation.tasks.recover"),
        "moderation-poll": every(60.0, "gospablik.moderation.tasks.poll"),
        "moderation-review-sla": every(60.0, "gospablik.moderation.tasks.review_sla"),
        "moderation-lift-expired": every(600.0, "gospablik.moderation.tasks.lift_expired"),
        "moderation-name-authors": every(120.0, "gospablik.moderation.tasks.name_authors"),
        "dialogue-open-missing": every(300.0, "gospablik.dialogue.tasks.open_missing"),
    }
)

# --- Page passport (issue 15): what each account's page shows, read once a day -----------
CELERY_BEAT_SCHEDULE.update(
    {"passport-check": every(86400.0, "gospablik.passport.tasks.check_passports")}
)

# --- Content (issue 4): publish due posts, read walls back, open contest results duties ----
CELERY_BEAT_SCHEDULE.update(
    {
        "content-import": every(900.0, "gospablik.content.tasks.import_walls"),
        "content-followups": every(300.0, "gospablik.content.tasks.open_followups"),
    }
)

# --- Networks (issue 12): the one outbound queue of network operations ----------------------
CELERY_BEAT_SCHEDULE.update({"outbound-run": every(5.0, "gospablik.networks.outbound.run_due")})
# HTTP timeout of every connector's calls, seconds.
NETWORK_HTTP_TIMEOUT = float(envstr("GOSPABLIK_NETWORK_HTTP_TIMEOUT", "15"))
# False only against emulators (tests, benchmarks): no client-side rate limits at all.
NETWORK_RATE_LIMIT = envbool("GOSPABLIK_NETWORK_RATE_LIMIT", default=True)
