"""Demo data for `make run`: in every city, one account per role (and the operator).

Passwords are ``<city code>-demo`` (e.g. ``hangzhou-demo``), so an account name that
exists in every city still only opens its own city's door.
"""

from __future__ import annotations

from django.conf import settings
from django_tenants.utils import schema_context

from apps.accounts import services as accounts
from apps.accounts.roles import CITY_ROLES
from tenants.models import City

OPERATOR_USERNAME = "operator"
OPERATOR_PASSWORD = "operator-demo"  # noqa: S105 (demo data for make run)
DEMO_PASSWORD_HINT = (
    "demo accounts: in each city the user names are the roles "
    f"({', '.join(CITY_ROLES)}), and admin; the password is <city>-demo (e.g. hangzhou-demo). "
    f"Operator on http://{settings.PLATFORM_DOMAIN}: {OPERATOR_USERNAME} / {OPERATOR_PASSWORD}"
)


def demo_password(city_code: str) -> str:
    return f"{city_code}-demo"


def ensure_demo_data() -> list[str]:
    lines = []
    created = accounts.ensure_user(
        actor=None,
        username=OPERATOR_USERNAME,
        role="operator",
        password=OPERATOR_PASSWORD,
        display_name="平台运维 Operator",
    )
    if created.created:
        lines.append(f"created operator account '{OPERATOR_USERNAME}'")
    for city in City.offices.all():
        with schema_context(city.schema_name):
            for role, names in CITY_ROLES.items():
                result = accounts.ensure_user(
                    actor=None,
                    username=role,
                    role=role,
                    password=demo_password(city.code),
                    display_name=f"{names['zh']} {names['en']}",
                )
                if result.created:
                    lines.append(f"{city.code}: created demo user '{role}'")
            _reset_admin_password(city.code)
    return lines


def _reset_admin_password(city_code: str) -> None:
    """The demo administrator signs in with the demo password too."""
    from apps.accounts.models import User

    admin = User.objects.filter(username="admin", role="office_admin").first()
    if admin is not None and not admin.check_password(demo_password(city_code)):
        admin.set_password(demo_password(city_code))
        admin.save(update_fields=["password"])
