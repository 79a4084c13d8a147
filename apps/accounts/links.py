"""One-time sign-in links (issue 13): how a new account gets its first password, and how
an administrator resets one, without a password ever being shown, mailed or logged.

The link carries a random secret; only its hash is kept. A link works once, expires after
``SIGN_IN_LINK_DAYS``, dies when a newer link is issued to the same account or the account
is deactivated, and only on the host of the schema it was issued in (a city's link does not
exist on another city's host: the table is per schema, like the accounts)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.audit import services as audit


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class SignInLink(models.Model):
    class Purpose(models.TextChoices):
        INVITE = "invite", gettext_lazy("first sign-in")
        RESET = "reset", gettext_lazy("password reset")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links")
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.INVITE)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.user}"

    @property
    def is_valid(self) -> bool:
        return (
            self.used_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.user.is_active
        )


def link_path(secret: str) -> str:
    return f"/accounts/welcome/{secret}/"


@transaction.atomic
def issue_link(*, user, actor=None, purpose: str = SignInLink.Purpose.INVITE, days: int | None = None) -> str:
    """A new one-time link for ``user`` (earlier unused ones die); returns its path, to be
    put behind the account's host (``https://<host>`` + path) and sent to the user."""
    now = timezone.now()
    SignInLink.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    secret = secrets.token_urlsafe(32)
    link = SignInLink.objects.create(
        user=user,
        purpose=purpose,
        digest=_digest(secret),
        created_by=getattr(actor, "username", "") or "",
        expires_at=now + timedelta(days=days or settings.SIGN_IN_LINK_DAYS),
    )
    audit.record(
        actor=actor,
        action="accounts.link_issued",
        obj=user,
        after={"purpose": purpose, "expires_at": link.expires_at.isoformat()},
    )
    return link_path(secret)


def find(secret: str) -> SignInLink | None:
    """The link behind ``secret`` when it can still be used, else None."""
    if not secret or len(secret) > 100:
        return None
    link = SignInLink.objects.select_related("user").filter(digest=_digest(secret)).first()
    return link if link is not None and link.is_valid else None


def revoke_for(user) -> int:
    """Kills the user's unused links (deactivation)."""
    return SignInLink.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def redeem(*, request, link: SignInLink, password: str):
    """Sets the password chosen through the link, spends the link and signs the user in."""
    link = SignInLink.objects.select_for_update().select_related("user").get(pk=link.pk)
    if not link.is_valid:
        raise LinkSpent
    user = link.user
    user.set_password(password)
    user.save(update_fields=["password"])
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    audit.record(actor=user, action="accounts.link_used", obj=user, after={"purpose": link.purpose})
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return user


class LinkSpent(Exception):
    """The link was used or revoked meanwhile."""
