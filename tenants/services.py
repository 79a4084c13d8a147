"""Writes on the public schema: onboarding cities and provinces from their profiles,
suspending and reactivating cities. Each call is one transaction: a failure anywhere
(schema, domain, administrator, audit) leaves nothing behind; PostgreSQL DDL is
transactional, so even a half-created schema rolls back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from apps.accounts import links
from apps.accounts import services as accounts
from apps.audit import services as audit
from city_profiles.loader import Problem, Profile, ProfileError
from tenants import db_roles, versions
from tenants.models import City, Domain, Province

TEMPLATE_SCHEMA = settings.TENANT_BASE_SCHEMA
ADMIN_USERNAME = "admin"


@dataclass
class OnboardingResult:
    code: str
    created: bool = False
    changes: list[str] = field(default_factory=list)
    admin_password: str | None = None  # the demo's, when the administrator was created now
    admin_link: str | None = None  # one-time sign-in link, when the administrator was created now
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def city_domain(subdomain: str) -> str:
    return f"{subdomain}.{settings.PLATFORM_DOMAIN}"


def site_url(host: str, path: str = "/") -> str:
    """The address a person opens: https, except on the local demo domain."""
    scheme = "http" if settings.PLATFORM_DOMAIN == "localhost" else "https"
    return f"{scheme}://{host}{path}"


def _diff(path: str, old: Any, new: Any, out: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new), key=str):
            _diff(f"{path}.{key}" if path else str(key), old.get(key), new.get(key), out)
    elif old != new:
        out.append(f"{path}: {old!r} -> {new!r}")


def profile_diff(old: dict, new: dict) -> list[str]:
    """Human-readable lines, one per changed leaf of the profile."""
    lines: list[str] = []
    _diff("", old or {}, new, lines)
    return lines


# -- provinces ---------------------------------------------------------------------------


@transaction.atomic
def apply_province_profile(
    *, profile: Profile, actor=None, dry_run: bool = False, provenance: dict | None = None
) -> OnboardingResult:
    data = profile.data
    connection.set_schema_to_public()
    result = OnboardingResult(code=profile.code, dry_run=dry_run)
    province = Province.objects.select_for_update().filter(code=profile.code).first()
    clash = City.offices.filter(domains__domain=city_domain(profile.subdomain)).first()
    if clash is not None:
        raise ProfileError(
            [Problem(profile.file, "subdomain", f"{profile.subdomain!r} is taken by city {clash.code!r}")]
        )
    if province is None:
        result.created = True
        result.changes.append(f"create province {profile.code} at {city_domain(profile.subdomain)}")
        province = Province(code=profile.code)
    elif province.profile_sha256 == profile.sha256:
        return result
    else:
        result.changes += profile_diff(province.profile, data)
    if dry_run:
        return result
    before = {"profile_version": province.profile_version} if not result.created else None
    province.subdomain = profile.subdomain
    province.name_zh, province.name_en = data["names"]["zh"], data["names"]["en"]
    province.profile = data
    province.profile_sha256 = profile.sha256
    province.profile_version += 1
    province.save()
    audit.record(
        actor=actor,
        action="platform.apply_province_profile",
        obj=province,
        before=before,
        after={"profile_version": province.profile_version, "changes": result.changes},
    )
    versions.record(
        kind="province",
        owner=province.code,
        number=province.profile_version,
        profile=profile,
        actor=actor,
        provenance=provenance,
    )
    return result


# -- the template schema -----------------------------------------------------------------


@transaction.atomic
def ensure_template() -> bool:
    """Creates the migrated template schema new cities are cloned from. True if created.

    It is a City row (so ``migrate_schemas`` keeps it migrated) with no domain, excluded
    from ``City.offices`` and from every list and aggregate.
    """
    connection.set_schema_to_public()
    if City.objects.filter(schema_name=TEMPLATE_SCHEMA).exists():
        return False
    City(
        schema_name=TEMPLATE_SCHEMA,
        code=TEMPLATE_SCHEMA,
        name_zh="模板",
        name_en="Template",
        is_template=True,
        status=City.Status.SUSPENDED,
    ).save(verbosity=0)
    return True


# -- cities ------------------------------------------------------------------------------


def _database_problems(profile: Profile) -> list[Problem]:
    problems = []
    data = profile.data
    if not Province.objects.filter(code=data["province"]).exists():
        problems.append(
            Problem(profile.file, "province", f"unknown province {data['province']!r} (onboard it first)")
        )
    domain = city_domain(profile.subdomain)
    owner = Domain.objects.filter(domain=domain).exclude(tenant__code=profile.code).first()
    if owner is not None:
        problems.append(
            Problem(
                profile.file, "subdomain", f"{profile.subdomain!r} is taken by city {owner.tenant.code!r}"
            )
        )
    if Province.objects.filter(subdomain=profile.subdomain).exists():
        problems.append(
            Problem(profile.file, "subdomain", f"{profile.subdomain!r} is a province's subdomain")
        )
    return problems


@transaction.atomic
def onboard_city(
    *,
    profile: Profile,
    actor=None,
    dry_run: bool = False,
    admin_password: str | None = None,
    provenance: dict | None = None,
) -> OnboardingResult:
    """Creates the city from its profile, or brings it in line with a changed profile.

    Idempotent: a second run with the same profile changes nothing. ``dry_run`` computes
    and returns the changes without writing anything. The office administrator, when
    created now, gets ``admin_password`` (the demo's) or else a random one, reported once
    in ``result.admin_password``; an existing administrator's password is never touched.
    """
    connection.set_schema_to_public()
    problems = _database_problems(profile)
    if problems:
        raise ProfileError(problems)
    data = profile.data
    result = OnboardingResult(code=profile.code, dry_run=dry_run)
    city = City.offices.select_for_update().filter(code=profile.code).first()
    domain = city_domain(profile.subdomain)
    if city is None:
        result.created = True
        how = "clone of the template" if schema_exists(TEMPLATE_SCHEMA) else "migrations"
        result.changes += [
            f"create city {profile.code} (schema {profile.code}, by {how})",
            f"create domain {domain}",
            f"create office administrator '{ADMIN_USERNAME}'",
        ]
    else:
        if city.profile_sha256 != profile.sha256:
            result.changes += profile_diff(city.profile, data)
        if not city.domains.filter(domain=domain, is_primary=True).exists():
            result.changes.append(f"set domain {domain}")
    if dry_run or not result.changes:
        return result

    province = Province.objects.get(code=data["province"])
    if city is None:
        city = City(schema_name=profile.code, code=profile.code)
        before = None
    else:
        before = {"profile_version": city.profile_version, "domain": _primary_domain(city)}
    city.name_zh, city.name_en = data["names"]["zh"], data["names"]["en"]
    city.province = province
    city.profile = data
    city.profile_sha256 = profile.sha256
    city.profile_version += 1
    city.profile_applied_at = timezone.now()
    city.save(verbosity=0)  # a new city gets its schema here (clone or migrate)
    connection.set_schema_to_public()
    if result.created:
        db_roles.grant_schema_if_role_exists(city.schema_name)

    city.domains.exclude(domain=domain).update(is_primary=False)
    Domain.objects.update_or_create(domain=domain, defaults={"tenant": city, "is_primary": True})
    city.domains.filter(is_primary=False).delete()

    audit.record(
        actor=actor,
        action="platform.onboard_city" if result.created else "platform.apply_city_profile",
        obj=city,
        before=before,
        after={"profile_version": city.profile_version, "domain": domain, "changes": result.changes},
    )
    versions.record(
        kind="city",
        owner=city.code,
        number=city.profile_version,
        profile=profile,
        actor=actor,
        provenance=provenance,
    )
    with schema_context(city.schema_name):
        admin = accounts.ensure_user(
            actor=None,
            username=ADMIN_USERNAME,
            role="office_admin",
            password=admin_password,  # None: unusable until the link is used
            display_name="办公室管理员 Office administrator",
        )
        if admin.created and admin_password is None:
            result.admin_link = site_url(domain, links.issue_link(user=admin.user, actor=None))
        audit.record(
            actor=actor,
            action="platform.profile_applied",
            object_type="tenants.city",
            object_id=city.pk,
            after={"profile_version": city.profile_version, "changes": result.changes},
        )
    return result


def _primary_domain(city: City) -> str | None:
    primary = city.domains.filter(is_primary=True).first()
    return primary.domain if primary else None


@transaction.atomic
def set_city_status(*, city: City, status: str, actor=None, reason: str = "") -> City:
    """Suspends, archives (read-only) or reactivates a city. Its data is never touched.
    Suspending and archiving need a reason (kept in the audit log)."""
    connection.set_schema_to_public()
    if status not in City.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if status in (City.Status.SUSPENDED, City.Status.ARCHIVED) and not reason.strip():
        raise ValueError("a reason is required")
    city = City.offices.select_for_update().get(pk=city.pk)
    if city.status == status:
        return city
    before = {"status": city.status}
    city.status = status
    city.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="platform.set_city_status",
        obj=city,
        before=before,
        after={"status": status, "reason": reason},
    )
    return city
