"""Settings for Factcheck, driven by environment variables (see README, "Configuration").

With no environment at all this runs the demo: SQLite file, tasks executed in-process.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("FACTCHECK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "axes",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "reviews.auth_events.PermissionRefusalLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "reviews.web.errors.DatabaseBusyMiddleware",
    # Last, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's own templates (base.html, registration/) before the apps'.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "factcheck.sqlite3"),
            # Concurrent writers (two reviewers saving at once): BEGIN IMMEDIATE takes the
            # write lock when a transaction starts, so a second writer waits on the busy
            # timeout instead of failing on a read-to-write lock upgrade; WAL lets readers
            # go on while one writes. A wait past the timeout is answered 503 "busy".
            "OPTIONS": {
                "timeout": 10,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# WhiteNoise serves STATIC_ROOT (filled by collectstatic in production); in development the
# directory may not exist yet, and WhiteNoise would warn on every request.
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default, opted into now
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# --- Security -----------------------------------------------------------------------------
ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=1 so Django trusts
    # X-Forwarded-Proto; SECURE_SSL_REDIRECT=0 where the proxy already redirects.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# No inline scripts anywhere: htmx and the desk's own script are static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Login throttling: lock a username+address pair after repeated failures, for a while.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# X-Forwarded-For is believed only from these proxies (factcheck/client_ip.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "factcheck.client_ip.client_ip"

# --- Cache ------------------------------------------------------------------------------
# API throttling counts requests in the cache: with several web processes it must be shared
# (Redis), or each process counts on its own. CACHE_URL defaults to the broker's Redis.
CACHE_URL = env_str("CACHE_URL", env_str("CELERY_BROKER_URL"))
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "factcheck",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------
# No broker configured: tasks run eagerly, in-process (the embedded demo).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
# Extracting the claims of a long article (reviews.extract_article_claims) is minutes of
# model work on a 20,000-claim body; its job's lease follows this limit.
CELERY_LONG_TASK_TIME_LIMIT = env_int("CELERY_LONG_TASK_TIME_LIMIT", 1800)
# A message not acknowledged within the visibility timeout is redelivered; it must be
# longer than the longest task, or a slow task runs twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "factcheck")

# --- REST framework -----------------------------------------------------------------------


def api_rate(variable: str, default: str) -> str:
    """A throttle rate such as "600/minute": a bad value stops the start, not a request."""
    value = env_str(variable, default)
    count, _, period = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and period in ("second", "minute", "hour", "day")):
        raise ImproperlyConfigured(f"{variable} must look like 600/minute, not {value!r}")
    return value


REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing login a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["reviews.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "reviews.api.pagination.DeskCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "reviews.api.throttling.DeskUserThrottle",
        "reviews.api.throttling.DeskAnonThrottle",
    ],
    # Requests per user (anonymous: per address; token: password attempts per address).
    "DEFAULT_THROTTLE_RATES": {
        "user": api_rate("API_RATE_USER", "600/minute"),
        "anon": api_rate("API_RATE_ANON", "60/minute"),
        "token": api_rate("API_RATE_TOKEN", "10/minute"),
    },
    "EXCEPTION_HANDLER": "reviews.api.exceptions.api_exception_handler",
    # `?format=` names a report's export format (GET /api/articles/{id}/report/), not a
    # renderer.
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": (
        "Every action of the fact-checking desk, under the same rules as the web UI. "
        "Authenticate with `Authorization: Token <token>` (POST /api/auth/token/) or a "
        'session. Errors: `{"error": {"code", "message", "fields"}}`; 400 bad input, '
        "403 a rule of the desk, 404 not found or not yours to see, 409 stale version."
    ),
    # The API's version: bump the major part for any change that breaks a client.
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the drf-spectacular-sidecar package: no CDN, and 'self' under the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "reviews.models.claims.ClaimStatus",
        "ClaimKindEnum": "reviews.models.claims.ClaimKind",
        "VerdictStatusEnum": "reviews.models.verdicts.Verdict.Status",
        "JobStatusEnum": "reviews.models.jobs.Job.Status",
        "JobKindEnum": "reviews.models.jobs.Job.Kind",
        "CandidateDecisionEnum": "reviews.models.sources.Candidate.Decision",
        "SourceFetchStatusEnum": "reviews.models.sources.Source.FetchStatus",
        "StanceEnum": "reviews.models.sources.Stance",
        "ArticleOriginEnum": "reviews.models.articles.Article.Origin",
    },
}

# --- Factcheck ----------------------------------------------------------------------------
FACTCHECK = {
    # Largest article body accepted, in bytes of UTF-8.
    "MAX_ARTICLE_BYTES": env_int("FACTCHECK_MAX_ARTICLE_BYTES", 2 * 1024 * 1024),
    # Bodies longer than this (characters) get their claims from a background job with
    # progress instead of inside the request: a long report or a transcript.
    "LONG_ARTICLE_CHARS": env_int("FACTCHECK_LONG_ARTICLE_CHARS", 60_000),
    # More claims than this in one article is a document to split, not an article to review.
    "MAX_CLAIMS_PER_ARTICLE": env_int("FACTCHECK_MAX_CLAIMS_PER_ARTICLE", 20_000),
    "DESK_NAME": env_str("FACTCHECK_DESK_NAME", "Factcheck Desk"),
    "DESK_URL": env_str("FACTCHECK_DESK_URL", "http://localhost:8000"),
    # Where the workers keep the fact-check archive's nearest-neighbour index for the web
    # processes to load (docs/decisions/0007-ann-index.md).
    "INDEX_DIR": env_str("FACTCHECK_INDEX_DIR", str(VAR_DIR / "index")),
}

# Structured (JSON) logs in production, readable lines in development.
LOG_JSON = env_bool("LOG_JSON", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_JSON else "plain"}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # The audit trail of logins, failures, lockouts and refusals: kept at any LOG_LEVEL.
        "factcheck.auth": {"level": "INFO"},
    },
}

# --- Candidate sources: providers, safe fetching, jobs (docs/SOURCES.md) -------------------
# Providers switched on, in the order their candidates are merged. A provider that needs
# configuration it lacks (an API key, a base URL) stays off and says why on the panel.
FACTCHECK_PROVIDERS = env_list("FACTCHECK_PROVIDERS", "archive,wikipedia,factcheck_tools,searxng")
WIKIPEDIA_LANGUAGE = env_str("WIKIPEDIA_LANGUAGE", "en")
WIKIPEDIA_API_URL = env_str(
    "WIKIPEDIA_API_URL", f"https://{WIKIPEDIA_LANGUAGE}.wikipedia.org/w/api.php"
)
# Wikimedia asks API clients for at most one request at a time; this spaces them out.
WIKIPEDIA_MIN_INTERVAL_MS = env_int("WIKIPEDIA_MIN_INTERVAL_MS", 200)
FACTCHECK_TOOLS_URL = env_str(
    "FACTCHECK_TOOLS_URL", "https://factchecktools.googleapis.com/v1alpha1/claims:search"
)
FACTCHECK_TOOLS_API_KEY = env_str("FACTCHECK_TOOLS_API_KEY")
SEARXNG_URL = env_str("SEARXNG_URL")
PROVIDER_TIMEOUT_SECONDS = env_int("FACTCHECK_PROVIDER_TIMEOUT", 10)
PROVIDER_MAX_RESULTS = env_int("FACTCHECK_PROVIDER_MAX_RESULTS", 8)
# How many of a claim's best candidates are fetched, read and re-ranked by their text.
FETCH_TOP_CANDIDATES = env_int("FACTCHECK_FETCH_TOP_CANDIDATES", 5)
FACTCHECK_USER_AGENT = env_str(
    "FACTCHECK_USER_AGENT",
    f"FactcheckDesk/0.1 (+{FACTCHECK['DESK_URL']}; newsroom fact-checking tool)",
)
# Every outside URL (candidates, evidence, articles by URL) goes through the safe fetcher.
FETCH_CONNECT_TIMEOUT = env_int("FETCH_CONNECT_TIMEOUT", 5)
FETCH_READ_TIMEOUT = env_int("FETCH_READ_TIMEOUT", 10)
FETCH_DEADLINE_SECONDS = env_int("FETCH_DEADLINE_SECONDS", 30)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
FETCH_ALLOWED_CONTENT_TYPES = env_list(
    "FETCH_ALLOWED_CONTENT_TYPES", "text/html,application/xhtml+xml,text/plain,text/markdown"
)
# host:port pairs let through although they are private or loopback. For the test suite's
# fake servers on 127.0.0.1 only; never set in production.
FETCH_ALLOW_HOSTS = env_list("FETCH_ALLOW_HOSTS")
# Claim matching against the imported fact-checks (docs/CLAIM_MATCHING.md): whether the
# sentence-embedding score joins the lexical one. Off, or with no encoder installed: words only.
FACTCHECK_MATCHING_DENSE = env_bool("FACTCHECK_MATCHING_DENSE", True)
# Find candidate sources for every claim as soon as an article is ingested.
AUTO_FIND_SOURCES_ON_INGEST = env_bool("FACTCHECK_AUTO_FIND_SOURCES", False)
# Days between link-rot checks of attached evidence (Celery beat runs the sweep daily).
EVIDENCE_RECHECK_DAYS = env_int("FACTCHECK_EVIDENCE_RECHECK_DAYS", 7)
# Redis hands an unacknowledged message (its worker died) back after the visibility timeout,
# but a worker only looks for such messages every interval x throttle seconds (kombu's
# defaults: 10 x 10 = 100 s). Look every interval seconds instead.
CELERY_BROKER_TRANSPORT_OPTIONS.update(
    unacked_restore_interval=env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    unacked_restore_throttle=1,
)
