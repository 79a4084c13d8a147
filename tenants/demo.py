"""Demo data for `make run`: in every city, one account per role (and the operator), and
each enabled module's demo data (``Module.ensure_demo``); in the public schema, one
provincial reviewer per province.

Passwords are ``<city code>-demo`` (e.g. ``hangzhou-demo``), so an account name that
exists in every city still only opens its own city's door; a province's reviewer is
``<province>-reviewer`` / ``<province>-demo``. The demo submitter belongs to the city's
first submitting unit.
"""

from __future__ import annotations

from django.conf import settings
from django_tenants.utils import tenant_context

from apps.accounts import services as accounts
from apps.accounts import two_factor
from apps.accounts.roles import CITY_ROLES
from apps.registry.modules import registry
from tenants.models import City, Province

OPERATOR_USERNAME = "operator"
OPERATOR_PASSWORD = "operator-demo"  # noqa: S105 (demo data for make run)
# The demo accounts whose role signs in with two factors (operators; the roles a city's or
# province's profile lists under security.two_factor_roles) share this published
# authenticator secret, as they share published passwords: `manage.py demo_code` prints the
# current code, or add the secret to an authenticator app.
DEMO_TOTP_SECRET = "WAIBANDEMOWAIBANDEMOWAIBANDEMO22"  # noqa: S105 (demo data for make run)
DEMO_PASSWORD_HINT = (
    "demo accounts: in each city the user names are the roles "
    f"({', '.join(CITY_ROLES)}), and admin; the password is <city>-demo (e.g. hangzhou-demo). "
    f"Operator on http://{settings.PLATFORM_DOMAIN}: {OPERATOR_USERNAME} / {OPERATOR_PASSWORD}. "
    "Where a role signs in with two factors (operators; guiyang's director, office_admin and "
    "admin; guizhou's reviewer) the one-time code comes from the authenticator secret "
    f"{DEMO_TOTP_SECRET} "
    "(`manage.py demo_code` prints the current one)"
)


def demo_password(city_code: str) -> str:
    return f"{city_code}-demo"


def reviewer_username(province_code: str) -> str:
    return f"{province_code}-reviewer"


def province_login_hint(province: Province) -> str:
    return (
        f"Provincial reviewer on http://{province.subdomain}.{settings.PLATFORM_DOMAIN}: "
        f"{reviewer_username(province.code)} / {demo_password(province.code)}"
    )


def ensure_demo_data() -> list[str]:
    lines = []
    created = accounts.ensure_user(
        actor=None,
        username=OPERATOR_USERNAME,
        role="operator",
        password=OPERATOR_PASSWORD,
        demo=True,
        display_name="平台运维 Operator",
    )
    if created.created:
        lines.append(f"created operator account '{OPERATOR_USERNAME}'")
    _enrol_if_required(created.user, two_factor.platform_roles(), lines)
    for province in Province.objects.order_by("code"):
        result = accounts.ensure_user(
            actor=None,
            username=reviewer_username(province.code),
            role="province_reviewer",
            password=demo_password(province.code),
            demo=True,
            display_name=f"{province.name_zh}审核人",
            unit=province.code,
        )
        if result.created:
            lines.append(f"{province.code}: created provincial reviewer '{result.user.username}'")
        _enrol_if_required(result.user, two_factor.profile_roles(province.profile), lines, province.code)
    for city in City.offices.select_related("province"):
        with tenant_context(city):
            first_unit = ((city.profile or {}).get("submitting_units") or [{}])[0].get("code", "")
            for role, names in CITY_ROLES.items():
                result = accounts.ensure_user(
                    actor=None,
                    username=role,
                    role=role,
                    password=demo_password(city.code),
                    demo=True,
                    display_name=f"{names['zh']} {names['en']}",
                    unit=first_unit if role == "submitter" else "",
                )
                if result.created:
                    lines.append(f"{city.code}: created demo user '{role}'")
            # A second clerk: where a chain starts with the clerk, the clerk who registered
            # a case never approves it (separation of duties), a colleague does.
            result = accounts.ensure_user(
                actor=None,
                username="clerk2",
                role="clerk",
                password=demo_password(city.code),
                display_name="经办人（二） Clerk 2",
                demo=True,
            )
            if result.created:
                lines.append(f"{city.code}: created demo user 'clerk2'")
            if _admin_has_the_demo_password(city.code):
                _mark_the_admin_demo()
            else:
                lines.append(
                    f"{city.code}: admin keeps the password set through its sign-in link "
                    f"(not {demo_password(city.code)})"
                )
            _give_the_submitter_a_unit(first_unit)
            roles = two_factor.profile_roles(city.profile)
            if roles:
                from apps.accounts.models import User

                for user in User.objects.filter(is_demo=True, role__in=roles):
                    _enrol_if_required(user, roles, lines, city.code)
            for module in registry.iter_enabled(city.profile):
                lines.extend(module.ensure_demo())
    return lines


def _enrol_if_required(user, roles: frozenset[str], lines: list[str], where: str = "platform") -> None:
    """A demo account whose role signs in with two factors gets the published authenticator."""
    if user.role in roles and two_factor.enrol_demo(user=user, secret_base32=DEMO_TOTP_SECRET):
        lines.append(f"{where}: '{user.username}' signs in with the demo authenticator")


def province_logins() -> list[str]:
    """One line per province: its portal and its demo reviewer (printed by setup_platform)."""
    return [province_login_hint(province) for province in Province.objects.order_by("code")]


def _give_the_submitter_a_unit(unit_code: str) -> None:
    """A demo submitter made before submitters had a unit gets the first one."""
    from apps.accounts.models import User

    if unit_code:
        User.objects.filter(username="submitter", role="submitter", unit="").update(unit=unit_code)


def _mark_the_admin_demo() -> None:
    from apps.accounts.models import User

    User.objects.filter(username="admin", role="office_admin").update(is_demo=True)


def _admin_has_the_demo_password(city_code: str) -> bool:
    """An administrator created without --demo keeps its own password: the demo never
    resets it (a real office's admin must not get a published password)."""
    from apps.accounts.models import User

    admin = User.objects.filter(username="admin", role="office_admin").first()
    return admin is None or admin.check_password(demo_password(city_code))
