"""Writes concerning accounts: sign-in (throttled), sign-out, demo and admin users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts import two_factor
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


def _lock(kind: str, value: str) -> None:
    """A transaction-scoped lock on one account or address: concurrent attempts on it are
    counted one after another, so no guess slips past the limit (issue 14)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"sign-in:{kind}:{value}"])


def throttle_wait(*, username: str, address: str | None, now=None) -> int:
    """Seconds this attempt must still wait, 0 if it may go ahead.

    Per account: after ``SIGN_IN_MAX_FAILURES`` failures (within a day, since the last
    success) it waits ``SIGN_IN_WINDOW_SECONDS`` after the last one, doubling with each
    further batch of failures (at most a day). Per address: ``SIGN_IN_MAX_FAILURES_PER_ADDRESS``
    failures within the window, high enough that one office behind one NAT is not locked out
    by a colleague's typos, low enough to stop spraying many accounts from one place."""
    now = now or timezone.now()
    limit, window = settings.SIGN_IN_MAX_FAILURES, settings.SIGN_IN_WINDOW_SECONDS
    account = SignInFailure.objects.filter(
        username__iexact=username, occurred_at__gte=now - timedelta(days=1)
    )
    failures = account.count()
    wait = 0
    if failures >= limit:
        backoff = min(window * 2 ** ((failures - limit) // limit), 24 * 3600)
        last = account.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
        wait = max(0, int(backoff - (now - last).total_seconds()))
    if address:
        recent = SignInFailure.objects.filter(
            client_address=address, occurred_at__gte=now - timedelta(seconds=window)
        )
        if recent.count() >= settings.SIGN_IN_MAX_FAILURES_PER_ADDRESS:
            wait = max(wait, window)
    return wait


def belongs_here(*, request, user) -> bool:
    """Whether ``user`` signs in on this request's site: operators on the platform host,
    a city's staff on their city's host, a province's reviewers on the province's host."""
    site_kind = getattr(getattr(request, "site", None), "kind", None)
    return (
        (site_kind == "platform" and user.role == "operator")
        or (site_kind == "city" and user.role in CITY_ROLES)
        or (site_kind == "province" and is_reviewer_of(user, getattr(request, "province", None)))
    )


def authenticate_for_site(*, request, username: str, password: str) -> User:
    """Checks credentials for the site of this request, with throttling.

    Raises SignInRefused with a message fit for the user. Does not start a session
    (the API's token endpoint uses this too). Failed and throttled attempts leave an audit
    row each (user name and address, never the password).
    """
    username = (username or "").strip()[:150]
    address = client_address(request)
    refusal = None
    with transaction.atomic():
        _lock("account", username.lower())
        if address:
            _lock("address", address)
        wait = throttle_wait(username=username, address=address)
        if wait:
            attempt = {"username": username, "address": address or "", "wait_seconds": wait}
            audit.record(actor=None, action="accounts.sign_in_throttled", after=attempt)
            minutes = max(1, -(-wait // 60))
            refusal = SignInRefused(
                _("Too many failed sign-ins. Try again in %(minutes)d minutes.") % {"minutes": minutes},
                throttled=True,
            )
        else:
            user = authenticate(request, username=username, password=password)
            if user is not None and belongs_here(request=request, user=user):
                SignInFailure.objects.filter(username__iexact=username).delete()
                return user
            SignInFailure.objects.create(username=username, client_address=address)
            audit.record(actor=None, action="accounts.sign_in_failed",
                         after={"username": username, "address": address or ""})  # fmt: skip
            refusal = SignInRefused(_("The user name or password is not correct."))
    raise refusal


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
    password: str | None,
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
    if password is None:
        user.set_unusable_password()  # a one-time link sets it (apps.accounts.links)
    else:
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
            two_factor.forget_devices(user)  # the published demo authenticator goes with it
            audit.record(actor=None, action="accounts.close_demo_account", obj=user,
                         before={"is_active": True}, after={"is_active": False})  # fmt: skip
            count += 1
    return count
