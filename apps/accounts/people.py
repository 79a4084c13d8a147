"""User management (issue 13): an office administrator manages its office's staff, the
platform's operators manage operators and provincial reviewers; one implementation for
both, scoped by the schema of the request (a city's users live in its schema, operators
and reviewers in the public one).

What a site may assign is data: ``current_scope()`` gives the roles (a city: the city roles
its profile grants anything to; the platform: operator and provincial reviewer) and the
units (a city: the profile's divisions and submitting units; the platform: the provinces).
Nobody can grant a role outside the scope, change their own role or deactivate
themselves.

Writes (keyword-only, with an ``actor``, one transaction, one audit row per change): invite,
update, reset, set_active. Deactivation kills at once the user's sessions (their rows are
deleted), one-time links (revoked) and API tokens (``tokens`` refuses an inactive user's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from apps.accounts import links
from apps.accounts.links import SignInLink
from apps.accounts.models import User
from apps.accounts.roles import CITY_ROLES, PLATFORM_ROLES, permissions_for_role
from apps.accounts.tokens import ApiToken
from apps.audit import services as audit
from apps.registry.i18n import label

# The roles whose unit is a submitting unit (the others belong to a division, if any).
SUBMITTING_ROLES = frozenset({"submitter"})


@dataclass(frozen=True)
class Unit:
    code: str
    names: dict[str, str]
    group: str  # "division", "submitting_unit" or "province"

    @property
    def name(self) -> str:
        return label(self.names, self.code)


@dataclass(frozen=True)
class Scope:
    """What the current site's user management may assign."""

    kind: str  # "city" or "platform"
    roles: dict[str, dict[str, str]]
    units: dict[str, Unit] = field(default_factory=dict)

    def role_choices(self) -> list[tuple[str, str]]:
        return [(code, label(names, code)) for code, names in self.roles.items()]

    def unit_choices(self) -> list[tuple[str, str]]:
        return [(code, unit.name) for code, unit in self.units.items()]

    def grouped_unit_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The units under their group's name (the web's list: divisions, then submitting units)."""
        names = {
            "division": _("Divisions"),
            "submitting_unit": _("Submitting units"),
            "province": _("Provinces"),
        }
        groups: dict[str, list[tuple[str, str]]] = {}
        for code, unit in self.units.items():
            groups.setdefault(unit.group, []).append((code, unit.name))
        return [(names[group], rows) for group, rows in groups.items()]

    def role_label(self, code: str) -> str:
        return label(self.roles.get(code) or CITY_ROLES.get(code) or PLATFORM_ROLES.get(code) or {}, code)

    def unit_label(self, code: str) -> str:
        unit = self.units.get(code)
        return unit.name if unit is not None else code

    def unit_problem(self, role: str, unit: str) -> str | None:
        """Why ``unit`` does not fit ``role`` here, or None."""
        if unit and unit not in self.units:
            return _("Unknown unit “%(unit)s”.") % {"unit": unit}
        if self.kind == "platform":
            if role == "province_reviewer" and not unit:
                return _("A provincial reviewer needs the province.")
            if role != "province_reviewer" and unit:
                return _("Only a provincial reviewer belongs to a province.")
            return None
        group = self.units[unit].group if unit else None
        if role in SUBMITTING_ROLES:
            if group != "submitting_unit":
                return _("A department submitter needs its submitting unit.")
        elif group == "submitting_unit":
            return _("Only a department submitter belongs to a submitting unit; choose a division.")
        return None


def current_scope() -> Scope:
    """The scope of the schema the connection is on: a city's, or the platform's."""
    if connection.schema_name == get_public_schema_name():
        from tenants.models import Province

        provinces = {
            p.code: Unit(p.code, {"zh": p.name_zh, "en": p.name_en}, "province")
            for p in Province.objects.order_by("code")
        }
        return Scope("platform", dict(PLATFORM_ROLES), provinces)
    profile = getattr(connection.tenant, "profile", None) or {}
    roles = {code: names for code, names in CITY_ROLES.items() if permissions_for_role(code, profile)}
    units: dict[str, Unit] = {}
    for row in profile.get("divisions") or []:
        units[row["code"]] = Unit(row["code"], row["names"], "division")
    for row in profile.get("submitting_units") or []:
        units.setdefault(row["code"], Unit(row["code"], row["names"], "submitting_unit"))
    return Scope("city", roles, units)


# --- selectors ---------------------------------------------------------------------------


def users(*, scope: Scope, q: str = "", role: str = "", unit: str = "", active: str = "") -> QuerySet:
    """The site's users (only the roles it manages), filtered."""
    rows = User.objects.filter(role__in=list(scope.roles)).order_by("username")
    if q:
        rows = rows.filter(Q(username__icontains=q) | Q(display_name__icontains=q) | Q(email__icontains=q))
    if role:
        rows = rows.filter(role=role)
    if unit:
        rows = rows.filter(unit=unit)
    if active in ("1", "0"):
        rows = rows.filter(is_active=active == "1")
    return rows


def user_or_none(*, scope: Scope, pk: Any) -> User | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return User.objects.filter(pk=pk, role__in=list(scope.roles)).first()


def describe(user: User, scope: Scope) -> dict[str, Any]:
    """A user as the list, the export and the API show it (labels in the active language)."""
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "role": user.role,
        "role_label": scope.role_label(user.role),
        "unit": user.unit,
        "unit_label": scope.unit_label(user.unit) if user.unit else "",
        "is_active": user.is_active,
        "has_password": user.has_usable_password(),
        "last_login": user.last_login,
        "date_joined": user.date_joined,
    }


# --- rules ---------------------------------------------------------------------------------

_username = UnicodeUsernameValidator()


def username_problems(username: str) -> list[str]:
    """Why ``username`` cannot be a new account's here (empty when it can)."""
    problems: list[str] = []
    try:
        _username(username)
    except ValidationError as error:
        problems.extend(error.messages)
    if User.objects.filter(username__iexact=username).exists():
        problems.append(_("A user with this user name already exists."))
    return problems


def check_new(*, scope: Scope, username: str, role: str, unit: str) -> dict[str, list[str]]:
    """The problems of a new account, by field (empty when none)."""
    problems = check_role_and_unit(scope=scope, role=role, unit=unit)
    if found := username_problems(username):
        problems["username"] = found
    return problems


def check_role_and_unit(*, scope: Scope, role: str, unit: str) -> dict[str, list[str]]:
    if role not in scope.roles:
        return {"role": [_("This role cannot be given here.")]}
    problem = scope.unit_problem(role, unit)
    return {"unit": [problem]} if problem else {}


def _refuse(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


# --- writes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invited:
    user: User
    path: str  # the one-time link's path, shown once to the administrator


def _send_link(*, user: User, path: str, base_url: str, reset: bool) -> None:
    from apps.notifications.services import mail_outside

    if not user.email:
        return
    url = f"{base_url.rstrip('/')}{path}"
    values = {"name": str(user), "username": user.username, "days": settings.SIGN_IN_LINK_DAYS}
    if reset:
        subject = _("Choose a new password")
        opening = _(
            "Your password was reset. Choose a new one (user name %(username)s) within %(days)s days."
        )
    else:
        subject = _("Your account is ready")
        opening = _(
            "An account was created for you (user name %(username)s). Choose your password within "
            "%(days)s days."
        )
    lines = [
        _("Hello %(name)s,") % values,
        opening % values,
        _("Open this one-time link (it works once):"),
        url,
    ]
    mail_outside(to=[user.email], subject=subject, body="\n\n".join(lines) + "\n")


@transaction.atomic
def invite(
    *,
    actor: User,
    scope: Scope,
    base_url: str,
    username: str,
    role: str,
    display_name: str = "",
    email: str = "",
    unit: str = "",
) -> Invited:
    """Creates the account without a usable password and issues its one-time link (mailed
    when the account has an e-mail address; returned to be handed over in person)."""
    username = username.strip()
    _refuse(check_new(scope=scope, username=username, role=role, unit=unit))
    user = User(
        username=username, role=role, display_name=display_name.strip(), email=email.strip(), unit=unit
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():  # a colleague taking the name meanwhile: a field error, not a 500
            user.save()
    except IntegrityError:
        raise ValidationError({"username": [_("A user with this user name already exists.")]}) from None
    audit.record(
        actor=actor,
        action="accounts.create_user",
        obj=user,
        after={
            "username": user.username,
            "role": role,
            "display_name": user.display_name,
            "email": user.email,
            "unit": unit,
        },
    )
    path = links.issue_link(user=user, actor=actor, purpose=SignInLink.Purpose.INVITE)
    _send_link(user=user, path=path, base_url=base_url, reset=False)
    return Invited(user, path)


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def update(
    *,
    actor: User,
    scope: Scope,
    user: User,
    display_name: str | None = None,
    email: str | None = None,
    role: str | None = None,
    unit: str | None = None,
) -> User:
    """Changes what is given (None: unchanged). Nobody changes their own role."""
    user = _locked(user)
    old = {"display_name": user.display_name, "email": user.email, "role": user.role, "unit": user.unit}
    new = {
        "display_name": old["display_name"] if display_name is None else display_name.strip(),
        "email": old["email"] if email is None else email.strip(),
        "role": old["role"] if role is None else role,
        "unit": old["unit"] if unit is None else unit,
    }
    if user.pk == actor.pk and new["role"] != old["role"]:
        raise ValidationError({"role": [_("You cannot change your own role.")]})
    if (new["role"], new["unit"]) != (old["role"], old["unit"]):
        _refuse(check_role_and_unit(scope=scope, role=new["role"], unit=new["unit"]))
    before, after = audit.changes(old, new)
    if not after:
        return user
    for key, value in new.items():
        setattr(user, key, value)
    user.save(update_fields=list(new))
    audit.record(actor=actor, action="accounts.update_user", obj=user, before=before, after=after)
    return user


def end_sessions(user: User) -> int:
    """Deletes the user's sessions in this schema (their cookies are anonymous at once)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def reset(*, actor: User, scope: Scope, user: User, base_url: str) -> Invited:
    """The old password stops working at once (and with it the user's sessions and API
    tokens); a new one-time link is issued, mailed and returned."""
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot reset your own password here."))
    if not user.is_active:
        raise ValidationError(_("Reactivate the account first."))
    user = _locked(user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    ended = end_sessions(user)
    audit.record(actor=actor, action="accounts.reset_password", obj=user, after={"sessions_ended": ended})
    path = links.issue_link(user=user, actor=actor, purpose=SignInLink.Purpose.RESET)
    _send_link(user=user, path=path, base_url=base_url, reset=True)
    return Invited(user, path)


@transaction.atomic
def set_active(*, actor: User, scope: Scope, user: User, active: bool) -> User:
    """Deactivation ends the user's sessions, one-time links and API tokens at once."""
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate or reactivate yourself."))
    user = _locked(user)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    after: dict[str, Any] = {"is_active": active}
    if not active:
        after["sessions_ended"] = end_sessions(user)
        after["links_revoked"] = links.revoke_for(user)
        # Dead already while the user is inactive (apps.accounts.tokens); revoked so that a
        # reactivation does not bring them back.
        after["tokens_revoked"] = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor.username
        )
    audit.record(
        actor=actor,
        action="accounts.reactivate_user" if active else "accounts.deactivate_user",
        obj=user,
        before={"is_active": not active},
        after=after,
    )
    return user
