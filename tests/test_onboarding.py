"""Onboarding a city from its profile, re-applying a profile, suspending a city.

Each test runs in a transaction that is rolled back: the schemas it creates go with it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from apps.accounts import links
from apps.accounts.models import User
from apps.audit.models import AuditEntry
from city_profiles import CITIES_DIR
from city_profiles.loader import ProfileError, load_city
from tenants import selectors, services
from tenants.models import City, Domain
from tests.conftest import host, in_city
from waiban.routing import resolve_site

pytestmark = pytest.mark.usefixtures("db")

WENZHOU_ZH = "温州市人民政府外事办公室"


def write_wenzhou(tmp_path: Path, **changes) -> Path:
    """A sixth city: a copy of Quzhou's real profile, renamed Wenzhou."""
    data = yaml.safe_load((CITIES_DIR / "quzhou.yaml").read_text(encoding="utf-8"))
    data.update(
        code="wenzhou",
        subdomain="wenzhou",
        province="zhejiang",
        names={"zh": WENZHOU_ZH, "en": "Wenzhou Municipal Foreign Affairs Office"},
        short_names={"zh": "温州市外办", "en": "Wenzhou FAO"},
        city_names={"zh": "温州市", "en": "Wenzhou"},
    )
    data.update(changes)
    path = tmp_path / "wenzhou.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def onboard(path: Path, **options) -> services.OnboardingResult:
    return services.onboard_city(profile=load_city(path), **options)


def get(code: str, path: str = "/"):
    """A request to the city's host; the connection is back on the public schema after it."""
    try:
        return Client(HTTP_HOST=host(code)).get(path)
    finally:
        connection.set_schema_to_public()


def audit_count(schema: str = "public", **filters) -> int:
    with schema_context(schema):
        return AuditEntry.objects.filter(**filters).count()


def nothing_written_for(code: str) -> bool:
    return not (
        City.objects.filter(code=code).exists()
        or Domain.objects.filter(domain=host(code)).exists()
        or schema_exists(code)
    )


# -- a new city ---------------------------------------------------------------------------


def test_a_sixth_city_is_onboarded_from_its_profile(tmp_path):
    # given a profile for a city the platform does not know
    path = write_wenzhou(tmp_path)

    # when it is onboarded
    result = onboard(path)

    # then it has its row, schema, primary domain, administrator and audit rows
    city = City.offices.get(code="wenzhou")
    assert result.created
    assert (city.name_zh, city.province.code, city.profile_version) == (WENZHOU_ZH, "zhejiang", 1)
    assert schema_exists("wenzhou")
    assert list(city.domains.values_list("domain", "is_primary")) == [("wenzhou.localhost", True)]
    with in_city("wenzhou"):
        admin = User.objects.get(username="admin")
        assert admin.role == "office_admin"
        assert not admin.has_usable_password()  # no password exists until the link is used
        assert result.admin_password is None
        assert result.admin_link.startswith("http://wenzhou.localhost/accounts/welcome/")
    assert audit_count(action="platform.onboard_city", object_id=str(city.pk)) == 1
    assert audit_count("wenzhou", action="accounts.create_user") == 1
    assert audit_count("wenzhou", action="platform.profile_applied") == 1


def test_the_admin_sign_in_link_is_reported_only_when_the_admin_is_created(tmp_path):
    first, second = io.StringIO(), io.StringIO()

    call_command("onboard_city", str(write_wenzhou(tmp_path)), stdout=first)
    call_command(
        "onboard_city",
        str(write_wenzhou(tmp_path, city_names={"zh": "温州", "en": "Wenzhou"})),
        stdout=second,
    )

    assert first.getvalue().count("office administrator: admin, one-time sign-in link") == 1
    assert "office administrator" not in second.getvalue()
    assert "city_names.zh: '温州市' -> '温州'" in second.getvalue()


def _setup_platform_with_only_wenzhou(tmp_path, monkeypatch, *arguments) -> str:
    """setup_platform as `make run` runs it, its profiles being Wenzhou alone (migrations
    and the demo data of the other cities left out: they are not what is tested)."""
    from tenants.management.commands import setup_platform

    monkeypatch.setattr(setup_platform, "load_all", lambda: ([], [load_city(write_wenzhou(tmp_path))]))
    monkeypatch.setattr(setup_platform, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(setup_platform, "ensure_demo_data", lambda: [])
    out = io.StringIO()
    call_command("setup_platform", *arguments, stdout=out)
    return out.getvalue()


def test_a_demo_setup_prints_no_random_admin_password_and_the_demo_one_works(tmp_path, monkeypatch):
    from tenants.demo import DEMO_PASSWORD_HINT

    out = _setup_platform_with_only_wenzhou(tmp_path, monkeypatch, "--demo")

    assert "office administrator: admin, one-time sign-in link" not in out
    assert DEMO_PASSWORD_HINT in out
    with in_city("wenzhou"):
        assert User.objects.get(username="admin").check_password("wenzhou-demo")


def test_without_demo_the_admin_link_is_printed_once_and_its_password_never_reset(tmp_path, monkeypatch):
    from tenants.demo import ensure_demo_data

    out = _setup_platform_with_only_wenzhou(tmp_path, monkeypatch)
    link = out.split("one-time sign-in link (valid 7 days): ")[1].split()[0]
    secret = link.rstrip("/").rsplit("/", 1)[1]
    password = "Wenzhou-own-2026"
    with in_city("wenzhou"):
        User.objects.filter(username="admin").update(password=make_password(password))
        assert links.find(secret) is not None

    again = _setup_platform_with_only_wenzhou(tmp_path, monkeypatch, "--demo")
    notes = ensure_demo_data()  # what --demo adds later on the same database

    assert "office administrator" not in again
    assert "wenzhou: admin keeps the password set through its sign-in link (not wenzhou-demo)" in notes
    with in_city("wenzhou"):
        admin = User.objects.get(username="admin")
        assert admin.check_password(password)
        assert not admin.check_password("wenzhou-demo")


def test_a_new_city_answers_on_its_host_without_a_restart(tmp_path):
    assert get("wenzhou").status_code == 404

    onboard(write_wenzhou(tmp_path))

    response = get("wenzhou")
    assert response.status_code == 200
    assert WENZHOU_ZH in response.content.decode()


def test_a_cloned_city_keeps_an_append_only_audit_log(tmp_path):
    onboard(write_wenzhou(tmp_path))

    with in_city("wenzhou"), pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(action="tampered")


# -- re-running, dry runs, changed profiles -------------------------------------------------


def test_rerunning_the_same_profile_changes_nothing(tmp_path):
    path = write_wenzhou(tmp_path)
    onboard(path)
    audit_rows = (audit_count(), audit_count("wenzhou"))

    result = onboard(path)

    assert (result.changes, result.created, result.admin_link) == ([], False, None)
    assert City.offices.get(code="wenzhou").profile_version == 1
    assert (audit_count(), audit_count("wenzhou")) == audit_rows


def test_a_real_city_is_up_to_date_after_set_up():
    out = io.StringIO()

    call_command("onboard_city", str(CITIES_DIR / "hangzhou.yaml"), stdout=out)

    assert out.getvalue().strip() == "hangzhou: up to date, nothing to do"


def test_a_dry_run_prints_what_would_change_and_writes_nothing(tmp_path):
    out = io.StringIO()

    call_command("onboard_city", str(write_wenzhou(tmp_path)), "--dry-run", stdout=out)

    assert "wenzhou: would change:" in out.getvalue()
    assert "create city wenzhou" in out.getvalue()
    assert "create domain wenzhou.localhost" in out.getvalue()
    assert nothing_written_for("wenzhou")


def test_a_dry_run_of_a_changed_profile_keeps_the_applied_one(tmp_path):
    onboard(write_wenzhou(tmp_path))

    result = onboard(write_wenzhou(tmp_path, names={"zh": "温州外侨办", "en": "Wenzhou FAO"}), dry_run=True)

    assert f"names.zh: '{WENZHOU_ZH}' -> '温州外侨办'" in result.changes
    city = City.offices.get(code="wenzhou")
    assert (city.name_zh, city.profile_version) == (WENZHOU_ZH, 1)


def test_a_changed_profile_is_applied_at_once(tmp_path):
    # given an onboarded city
    onboard(write_wenzhou(tmp_path))
    assert WENZHOU_ZH in get("wenzhou").content.decode()

    # when its profile gets a new Chinese name and is applied
    result = onboard(write_wenzhou(tmp_path, names={"zh": "温州外侨办", "en": "Wenzhou FAO"}))

    # then the version goes up, the change is listed and audited, and the page shows it
    assert f"names.zh: '{WENZHOU_ZH}' -> '温州外侨办'" in result.changes
    city = City.offices.get(code="wenzhou")
    assert city.profile_version == 2
    assert audit_count(action="platform.apply_city_profile", object_id=str(city.pk)) == 1
    body = get("wenzhou").content.decode()
    assert "温州外侨办" in body
    assert WENZHOU_ZH not in body


def test_a_changed_subdomain_moves_the_city_to_its_new_host(tmp_path):
    onboard(write_wenzhou(tmp_path))

    result = onboard(write_wenzhou(tmp_path, subdomain="wz"))

    assert "subdomain: 'wenzhou' -> 'wz'" in result.changes
    city = City.offices.get(code="wenzhou")
    assert list(city.domains.values_list("domain", "is_primary")) == [("wz.localhost", True)]
    assert get("wenzhou").status_code == 404
    assert WENZHOU_ZH in get("wz").content.decode()


# -- failures leave nothing behind ----------------------------------------------------------


def test_a_failure_midway_rolls_everything_back(tmp_path, monkeypatch):
    # given creating the administrator fails, after the city's schema was created
    schema_was_there = []

    def fail(**kwargs):
        schema_was_there.append(schema_exists("wenzhou"))
        raise RuntimeError("disk full")

    monkeypatch.setattr("apps.accounts.services.ensure_user", fail)
    audit_rows = audit_count()

    # when the city is onboarded, then the error comes through
    with pytest.raises(RuntimeError, match="disk full"):
        onboard(write_wenzhou(tmp_path))

    # and no row, domain, schema or audit row is left
    assert schema_was_there == [True]
    assert nothing_written_for("wenzhou")
    assert audit_count() == audit_rows


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        ({"subdomain": "hangzhou"}, "subdomain", "'hangzhou' is taken by city 'hangzhou'"),
        ({"subdomain": "zhejiang"}, "subdomain", "'zhejiang' is a province's subdomain"),
        ({"province": "atlantis"}, "province", "unknown province 'atlantis' (onboard it first)"),
    ],
    ids=["subdomain-of-a-city", "subdomain-of-a-province", "unknown-province"],
)
def test_a_profile_clashing_with_the_database_is_refused(tmp_path, changes, where, message):
    path = write_wenzhou(tmp_path, **changes)

    with pytest.raises(ProfileError) as caught:
        onboard(path)

    assert [str(problem) for problem in caught.value.problems] == [f"{path}: {where}: {message}"]
    assert nothing_written_for("wenzhou")


# -- the template schema --------------------------------------------------------------------


def test_the_template_schema_exists_but_is_never_an_office():
    template = settings.TENANT_BASE_SCHEMA

    assert schema_exists(template)
    assert City.objects.get(schema_name=template).is_template
    assert not Domain.objects.filter(tenant__schema_name=template).exists()
    assert not City.offices.filter(schema_name=template).exists()
    assert template not in [city.schema_name for city in selectors.offices()]
    assert resolve_site(host(template)) is None
    assert get(template).status_code == 404


# -- suspending and reactivating ------------------------------------------------------------


def city_data(code: str) -> tuple[int, int]:
    with in_city(code):
        return User.objects.count(), AuditEntry.objects.count()


def test_a_suspended_city_answers_503_and_keeps_its_data(city_user):
    # given a city with a user
    city_user("hangzhou", username="clerk_before_suspension")
    data = city_data("hangzhou")
    city = City.offices.get(code="hangzhou")

    # when it is suspended
    services.set_city_status(city=city, status="suspended", reason="contract ended")

    # then every page of its host answers 503 with the suspended page, and its data stays
    for path in ["/", "/accounts/sign-in/", "/api/v1/modules/"]:
        response = get("hangzhou", path)
        assert response.status_code == 503
        assert "Service suspended" in response.content.decode()
    assert city_data("hangzhou") == data

    # when it is reactivated, then it answers again, with the same data
    services.set_city_status(city=city, status="active")
    response = get("hangzhou")
    assert response.status_code == 200
    assert "杭州市人民政府外事侨务办公室" in response.content.decode()
    assert city_data("hangzhou") == data

    # and both changes are in the public schema's audit log
    with schema_context("public"):
        entries = AuditEntry.objects.filter(action="platform.set_city_status", object_id=str(city.pk))
        assert [(entry.before, entry.after) for entry in entries.order_by("id")] == [
            ({"status": "active"}, {"status": "suspended", "reason": "contract ended"}),
            ({"status": "suspended"}, {"status": "active", "reason": ""}),
        ]
