"""API tokens (issue 14): each one named, expiring, listed and revocable by its owner and
the office administrator, dead the moment its user's password changes or the user is
deactivated. Only a hash of the secret is kept; the secret is shown once, when issued.

Clients send ``Authorization: Token <secret>`` as before."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from apps.audit import services as audit

PREFIX_LENGTH = 8


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def password_fingerprint(user) -> str:
    """Changes whenever the user's password does (a token issued before dies with it)."""
    return salted_hmac("waiban.api-token", user.password or "-", algorithm="sha256").hexdigest()[:32]


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(gettext_lazy("name"), max_length=80, blank=True)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        if self.fingerprint != password_fingerprint(self.user) or not self.user.is_active:
            return "void"
        return "active"

    @property
    def status_label(self) -> str:
        return {
            "revoked": _("Revoked"),
            "expired": _("Expired"),
            "void": _("Void (password changed or account deactivated)"),
            "active": _("Active"),
        }[self.status]


def issue(*, user, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and its secret (shown once, never stored)."""
    days = min(days or settings.API_TOKEN_DAYS, settings.API_TOKEN_DAYS)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:80],
            prefix=secret[:PREFIX_LENGTH],
            digest=_digest(secret),
            fingerprint=password_fingerprint(user),
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit.record(actor=user, action="accounts.token_issued", obj=token,
                     after={"user": user.username, "name": token.name, "prefix": token.prefix,
                            "expires_at": token.expires_at.isoformat()})  # fmt: skip
    return token, secret


def revoke(*, actor, token: ApiToken) -> ApiToken:
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = actor.username
            locked.save(update_fields=["revoked_at", "revoked_by"])
            audit.record(actor=actor, action="accounts.token_revoked", obj=locked,
                         after={"user": locked.user.username, "prefix": locked.prefix})  # fmt: skip
    return locked


def visible_to(actor):
    """The tokens ``actor`` may list: their own; the office administrator's, everyone's."""
    tokens = ApiToken.objects.select_related("user")
    if getattr(actor, "role", None) == "office_admin":
        return tokens
    return tokens.filter(user=actor)


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <secret>`` against ApiToken: unknown, revoked, expired, void
    (password changed, user deactivated) all answer 401 the same way."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=_digest(key)).first()
        if (
            token is None
            or token.revoked_at is not None
            or token.expires_at <= timezone.now()
            or not token.user.is_active
            or not constant_time_compare(token.fingerprint, password_fingerprint(token.user))
        ):
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
