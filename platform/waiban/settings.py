"""Settings of the waiban platform. Everything environment-specific comes through
``waiban.env`` (see its VARIABLES table); city behaviour comes from office profiles."""

from __future__ import annotations

import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from waiban import driver, env

driver.use_psycopg2()  # before anything loads Django's PostgreSQL backend

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # apps/, tenants/ and city_profiles/ live at the root
    sys.path.insert(0, str(REPO_ROOT))

# Off unless asked for (DEBUG=true): debug pages list every URL pattern and settings.
DEBUG = env.env_bool("DEBUG", False)

PLATFORM_DOMAIN = (env.env_str("PLATFORM_DOMAIN", "localhost") or "localhost").lower().rstrip(".")
# Served on localhost only (ALLOWED_HOSTS below), as `make run` and the tests are: plain
# HTTP, and the development secret key is acceptable. Any real domain gets HTTPS and
# needs its own SECRET_KEY.
LOCAL = PLATFORM_DOMAIN == "localhost"

_DEV_SECRET = "dev-only-insecure-secret-key-never-use-in-production-0123456789"  # noqa: S105 (development only; production must set SECRET_KEY)
SECRET_KEY = env.env_str("SECRET_KEY", _DEV_SECRET if DEBUG or LOCAL else None)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is false and PLATFORM_DOMAIN is not localhost")
# Every office, province and the operators' site are subdomains of one domain.
# The demonstration server (make run): demo accounts with published passwords are allowed,
# and only on localhost. Without it the server refuses to start while any is active
# (apps.accounts.demo_guard, checked by wsgi.py and `check --deploy`).
DEMO = env.env_bool("DEMO", False)
if DEMO and not LOCAL:
    raise RuntimeError("DEMO=true serves only on localhost: demo accounts have published passwords")

ALLOWED_HOSTS = [PLATFORM_DOMAIN, f".{PLATFORM_DOMAIN}"]
CSRF_TRUSTED_ORIGINS = [f"{scheme}://*.{PLATFORM_DOMAIN}" for scheme in ("http", "https")] + [
    f"{scheme}://{PLATFORM_DOMAIN}" for scheme in ("http", "https")
]
# Cookies stay host-only (no Domain attribute): a session or CSRF cookie set by one
# office's host is never sent to another office's host.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_NAME = "waiban_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day

SHARED_APPS = [
    # tenants before django_tenants: its migrate_schemas (only the schemas that are behind)
    # takes the place of django-tenants' own.
    "tenants",
    "django_tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files, no CDN
    "crispy_forms",  # forms rendered with Bootstrap 5 markup (errors under their field)
    "crispy_bootstrap5",
    # Two-factor sign-in (apps.accounts.two_factor): devices live beside their users, in the
    # public schema for operators and provincial reviewers, in each city's schema for its staff.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.registry",
    "apps.accounts",
    "apps.audit",
    "apps.reporting",
    "apps.provincial",
    "apps.workdays",
    # Background jobs: Procrastinate's tables and functions live in the public schema.
    "procrastinate.contrib.django",
    "apps.jobs",
]
# Every module's tables exist in every city schema; the profile decides what is reachable.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "rest_framework.authtoken",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.accounts",
    "apps.audit",
    "apps.notifications",
    "apps.casework",
    "apps.documents",
    "apps.partners",
    "apps.calendar",
    # Every feature module: a folder of apps/ that declares itself in module.py.
    *sorted(f"apps.{path.parent.name}" for path in (REPO_ROOT / "apps").glob("*/module.py")),
]
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.City"
TENANT_DOMAIN_MODEL = "tenants.Domain"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# New cities are cloned from a kept-migrated template schema (bench/onboarding.py
# measures clone against migrate); the template has no domain and is never listed.
TENANT_BASE_SCHEMA = "city_template"
TENANT_CREATION_FAKES_MIGRATIONS = True

MIDDLEWARE = [
    "waiban.routing.HostRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "waiban.language.OfficeLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "apps.registry.limits.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.registry.gating.ModuleGateMiddleware",
    "apps.accounts.personal.PersonalDataAuditMiddleware",
]

ROOT_URLCONF = "waiban.urls_city"  # chosen per host by waiban.routing
PLATFORM_URLCONF = "waiban.urls_platform"
PROVINCE_URLCONF = "waiban.urls_province"
PUBLIC_SCHEMA_URLCONF = PLATFORM_URLCONF

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [REPO_ROOT / "platform" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "waiban.context_processors.site",
                "apps.notifications.context_processors.inbox",
            ],
        },
    },
]

# The UI kit: Bootstrap 5 (served from platform/static/vendor/), forms through crispy.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django's "error" messages are Bootstrap's "danger" alerts.
MESSAGE_TAGS = {40: "danger"}

WSGI_APPLICATION = "waiban.wsgi.application"


def _database_url() -> str:
    url = env.env_str("DATABASE_URL")
    if url:
        return url
    from waiban import embedded_db

    return embedded_db.ensure_running()


DATABASES = {"default": env.parse_database_url(_database_url())}
# Least privilege (tenants/db_roles.py): the web server connects as the application role,
# which owns nothing; migrations, onboarding and commands as DATABASE_URL's user (the owner).
DATABASE_APP_USER = env.env_str("DATABASE_APP_USER", "waiban_app")
DATABASE_APP_PASSWORD = env.env_str("DATABASE_APP_PASSWORD", "") or ""
DATABASE_ROLE = env.env_str("WAIBAN_DB_ROLE", "owner")
if DATABASE_ROLE not in ("owner", "app"):
    raise RuntimeError("WAIBAN_DB_ROLE must be owner or app")
if DATABASE_ROLE == "app":
    DATABASES["default"]["USER"] = DATABASE_APP_USER
    DATABASES["default"]["PASSWORD"] = DATABASE_APP_PASSWORD
# Persistent connections (checked before reuse): a connection per request would cost more
# than the whole tenant routing. django-tenants sets the search_path on every request.
DATABASES["default"]["CONN_MAX_AGE"] = int(env.env_str("DATABASE_CONN_MAX_AGE", "300"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env.env_str("TEST_DATABASE_NAME")}

# Uploaded files, one folder per city schema (the health page counts each city's).
MEDIA_ROOT = Path(env.env_str("MEDIA_ROOT", str(REPO_ROOT / ".data" / "media")))

# Background jobs (apps.jobs, on Procrastinate): tasks are found in each app's tasks.py;
# the worker runs with `manage.py procrastinate worker` (started by `make run`).
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
PROCRASTINATE_ON_APP_READY = "apps.jobs.runner.on_app_ready"
PROCRASTINATE_PERIODIC_DEFAULTS = {"max_delay": 6 * 60 * 60}
# When the daily reminder run is due (cron, in UTC: 23:00 UTC is 07:00 in Beijing).
REMINDERS_CRON = env.env_str("REMINDERS_CRON", "0 23 * * *")

# Largest attachment accepted (apps.documents.services.store_attachment).
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

# How long a worker trusts its table of hosts (tenants.routing_table) before rereading it.
ROUTING_CACHE_SECONDS = float(env.env_str("ROUTING_CACHE_SECONDS", "5"))
# How often a worker reads the routing stamp (0: every request, one 0.2 ms query).
ROUTING_STAMP_SECONDS = float(env.env_str("ROUTING_STAMP_SECONDS", "0"))

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Failed sign-ins: at most this many per account (or per client address) per window.
# API tokens expire after this many days at most (a client may ask for fewer).
API_TOKEN_DAYS = 90
SIGN_IN_MAX_FAILURES = 5
SIGN_IN_WINDOW_SECONDS = 15 * 60
# Failures from one address within the window before it waits: an office behind one NAT
# shares an address, so this is far above the per-account limit.
SIGN_IN_MAX_FAILURES_PER_ADDRESS = 50
# A one-time sign-in link (invitation, password reset) is valid this many days.
SIGN_IN_LINK_DAYS = 7
# Two-factor sign-in (apps.accounts.two_factor): operators always unless turned off here;
# city and provincial roles as their profiles choose (security.two_factor_roles).
TWO_FACTOR_OPERATORS = env.env_bool("TWO_FACTOR_OPERATORS", True)
OTP_TOTP_ISSUER = "waiban"
# A wrong code makes the device wait 1, 2, 4, 8... seconds before it takes the next one.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [REPO_ROOT / "locale"]
USE_I18N = True
TIME_ZONE = env.env_str("TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = REPO_ROOT / "staticfiles"
STATICFILES_DIRS = [REPO_ROOT / "platform" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Keys carry the schema name: one city's entry is never read by another.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
    }
}

EMAIL_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", f"noreply@{PLATFORM_DOMAIN}")

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the platform's
# own static files only, no inline script or style; nothing may frame a page. The pages
# (kit.js, no inline code), the API docs (drf-spectacular's split Swagger view) and the
# browser tests (which fail on a violation: a console error) hold to it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous call then answers 401 with WWW-Authenticate.
        "apps.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.accounts.access.HasModulePermission"],
    "DEFAULT_SCHEMA_CLASS": "apps.registry.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.registry.api_errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "apps.registry.limits.CappedLimitOffsetPagination",
    "DEFAULT_PARSER_CLASSES": [
        "apps.registry.limits.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "waiban API",
    "DESCRIPTION": "The API of one Foreign Affairs Office: only the modules its profile "
    "switches on appear here.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["apps.registry.openapi.only_enabled_modules"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["apps.accounts.access.HasModulePermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": "waiban.logs.ClientErrorsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's own handlers (its DEBUG-only console, mail_admins) are dropped: every
        # record reaches the one console handler above, once.
        "django": {"handlers": [], "level": "WARNING", "propagate": True},
        "django.request": {"filters": ["client_errors_on_one_line"]},
    },
}

if not DEBUG and not LOCAL:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    # The health check answers on plain HTTP for the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
