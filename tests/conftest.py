"""Test set-up: real PostgreSQL, real schemas.

Once per session the test database gets the template schema, the four provinces and
the five cities from the real profiles in city_profiles/ (through the same onboarding
service an operator uses). Every test then runs inside a transaction that is rolled
back, so a city, user or schema a test creates disappears with it.
"""

from __future__ import annotations

import contextlib

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, tenant_context

import tests.sample_module  # noqa: F401  (registers the test-suite modules)
from city_profiles.loader import load_all
from tenants import routing_table
from tests.factories import PASSWORD, UserFactory

CITY_CODES = ["guangzhou", "guiyang", "hangzhou", "lanzhou", "quzhou"]


def pytest_configure(config):
    from django.conf import settings

    # Tests sign in hundreds of times; production's slow hasher would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages render without `collectstatic` (DEBUG is off, which would want hashed names).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from apps.workdays import services as workdays
    from tenants import db_roles, services

    with django_db_blocker.unblock():
        services.ensure_template()
        provinces, cities = load_all()
        for profile in provinces:
            services.apply_province_profile(profile=profile)
        for profile in cities:
            services.onboard_city(profile=profile)
        workdays.load_calendar(path=workdays.SHIPPED_CALENDAR)
        db_roles.ensure()  # the web server's least-privileged role, as setup_platform does
        connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _public_schema_first(request):
    """Every test starts (and ends) on the public schema, with no routing table kept from
    a rolled-back test."""
    routing_table.forget()
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        connection.set_schema_to_public()
    yield
    with contextlib.suppress(Exception):
        connection.set_schema_to_public()


@contextlib.contextmanager
def in_city(code: str):
    """Runs the block in the city's schema, with ``connection.tenant`` the city itself
    (its profile and province), as a request on its host has it."""
    from tenants.models import City

    if code == "public":
        with schema_context("public"):
            yield
        return
    with tenant_context(City.offices.select_related("province").get(code=code)):
        yield


@pytest.fixture
def city_user(db):
    """city_user("hangzhou", role="clerk", username=...) -> a user in that city's schema."""

    def make(code: str, **fields):
        with in_city(code):
            return UserFactory(**fields)

    return make


def host(code: str) -> str:
    return f"{code}.localhost"


def complete_two_factor(client: Client, response, username: str):
    """After a password sign-in the site answered with its second step (the role signs in
    with two factors there): gives the user an authenticator unless it has one and enters a
    code computed from it, as the user's app would. Other answers are returned unchanged."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from apps.accounts.models import User
    from tenants.models import City

    if response.status_code != 302 or "/accounts/two-factor/" not in response["Location"]:
        return response
    hostname = client.defaults["HTTP_HOST"]
    city = City.offices.filter(domains__domain=hostname).first()
    with tenant_context(city) if city is not None else schema_context("public"):
        user = User.objects.get(username=username)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
        # A code is good once per 30-second step: a second sign-in within it may reuse it.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        code = f"{totp(device.bin_key):06d}"
    verified = client.post("/accounts/two-factor/verify/", {"code": code})
    assert verified.status_code == 302, verified.content.decode()[:500]
    return verified


@pytest.fixture
def client_for(db):
    """client_for("hangzhou", user=None) -> a test client on that host, signed in if given
    (with the second step where the user's role signs in with two factors)."""

    def make(code: str | None, user=None) -> Client:
        client = Client(HTTP_HOST=host(code) if code else "localhost")
        if user is not None:
            response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
            assert response.status_code == 302, response.content.decode()[:500]
            complete_two_factor(client, response, user.username)
        return client

    return make


@pytest.fixture
def reprofile(db):
    """reprofile("hangzhou", change) applies the city's repo profile as ``change`` edits it,
    through validation and the onboarding service, as an operator would."""
    import copy

    from city_profiles import CITIES_DIR
    from city_profiles.loader import Profile, ProfileError, read_yaml, validate_city_data
    from tenants import services

    def apply(code: str, change):
        data, _ = read_yaml(CITIES_DIR / f"{code}.yaml")
        data = copy.deepcopy(data)
        change(data)
        name = f"city_profiles/cities/{code}.yaml"
        problems = validate_city_data(name, data)
        if problems:
            raise ProfileError(problems)
        return services.onboard_city(profile=Profile(kind="city", file=name, data=data))

    return apply
