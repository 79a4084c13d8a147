"""Writes concerning accounts: sign-in (throttled), sign-out, demo and admin users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import is_reviewer_of
from apps.accounts.models import SignInFailure, User
from apps.accounts.roles import ALL_ROLES, CITY_ROLES
from apps.audit import services as audit


class SignInRefused(Exception):
    def __init__(self, message: str, *, throttled: bool = False):
        super().__init__(message)
        self.message = message
        self.throttled = throttled


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _recent_failures(*, username: str, address: str | None) -> int:
    since = timezone.now() - timedelta(seconds=settings.SIGN_IN_WINDOW_SECONDS)
    matches = Q(username__iexact=username)
    if address:
        matches |= Q(client_address=address)
    return SignInFailure.objects.filter(matches, occurred_at__gte=since).count()


def authenticate_for_site(*, request, username: str, password: str) -> User:
    """Checks credentials for the site of this request, with throttling.

    Raises SignInRefused with a message fit for the user. Does not start a session
    (the API's token endpoint uses this too).
    """
    username = (username or "").strip()
    address = client_address(request)
    if _recent_failures(username=username, address=address) >= settings.SIGN_IN_MAX_FAILURES:
        minutes = settings.SIGN_IN_WINDOW_SECONDS // 60
        raise SignInRefused(
            _("Too many failed sign-ins. Try again in %(minutes)d minutes.") % {"minutes": minutes},
            throttled=True,
        )
    user = authenticate(request, username=username, password=password)
    site_kind = getattr(getattr(request, "site", None), "kind", None)
    allowed = user is not None and (
        (site_kind == "platform" and user.role == "operator")
        or (site_kind == "city" and user.role in CITY_ROLES)
        or (site_kind == "province" and is_reviewer_of(user, getattr(request, "province", None)))
    )
    if not allowed:
        SignInFailure.objects.create(username=username[:150], client_address=address)
        raise SignInRefused(_("The user name or password is not correct."))
    SignInFailure.objects.filter(username__iexact=username).delete()
    return user


def sign_in(*, request, username: str, password: str) -> User:
    user = authenticate_for_site(request=request, username=username, password=password)
    login(request, user)
    audit.record(actor=user, action="accounts.sign_in", obj=user)
    return user


def sign_out(*, request) -> None:
    if request.user.is_authenticated:
        audit.record(actor=request.user, action="accounts.sign_out", obj=request.user)
    logout(request)


@dataclass(frozen=True)
class EnsuredUser:
    user: User
    created: bool


@transaction.atomic
def ensure_user(
    *,
    actor: User | None,
    username: str,
    role: str,
    password: str,
    display_name: str = "",
    unit: str = "",
    demo: bool = False,
) -> EnsuredUser:
    """Creates the account unless it exists (used by onboarding and demo data).

    An existing account keeps its password and role: re-running set-up changes nothing.
    """
    if role not in ALL_ROLES:
        raise ValueError(f"unknown role {role!r}")
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        if demo and not existing.is_demo:  # an account the demo made before the mark existed
            User.objects.filter(pk=existing.pk).update(is_demo=True)
        return EnsuredUser(existing, False)
    user = User(username=username, role=role, display_name=display_name, unit=unit, is_demo=demo)
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        action="accounts.create_user",
        obj=user,
        after={
            "username": username,
            "role": role,
            "display_name": display_name,
            **({"unit": unit} if unit else {}),
            **({"demo": True} if demo else {}),
        },
    )
    return EnsuredUser(user, True)


def close_demo_accounts() -> int:
    """Deactivates the demo accounts of the current schema, passwords made unusable, one
    audit row each; returns how many."""
    count = 0
    with transaction.atomic():
        for user in User.objects.filter(is_demo=True, is_active=True).select_for_update():
            user.is_active = False
            user.set_unusable_password()
            user.save(update_fields=["is_active", "password"])
            audit.record(actor=None, action="accounts.close_demo_account", obj=user,
                         before={"is_active": True}, after={"is_active": False})  # fmt: skip
            count += 1
    return count
