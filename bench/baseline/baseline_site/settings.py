"""A bare django-tenants project: the baseline waiban's figures are printed beside.

Stock django-tenants (its middleware, its clone of a base schema, its migrate_schemas),
one tenant app with one model, its own database (``BASELINE_DATABASE_URL``).
"""

import os

from waiban.env import parse_database_url  # the URL forms waiban's settings accept

SECRET_KEY = "baseline-" * 6
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "baseline_site.urls"
PUBLIC_SCHEMA_URLCONF = "baseline_site.urls_public"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SHARED_APPS = ["django_tenants", "customers", "django.contrib.contenttypes", "django.contrib.auth"]
TENANT_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "notes"]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]
TENANT_MODEL = "customers.Client"
TENANT_DOMAIN_MODEL = "customers.Domain"
TENANT_BASE_SCHEMA = "template"
TENANT_CREATION_FAKES_MIGRATIONS = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
MIDDLEWARE = ["django_tenants.middleware.main.TenantMainMiddleware"]

DATABASES = {
    "default": {
        **parse_database_url(os.environ["BASELINE_DATABASE_URL"]),
        "ENGINE": "django_tenants.postgresql_backend",
    }
}
TEMPLATES = []
