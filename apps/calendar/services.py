"""Writes of the calendar: a user's feed token is made and revoked here (one transaction,
one audit row each; the audit row never holds the token)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from apps.audit import services as audit
from apps.calendar.models import FeedToken


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed(*, actor) -> str:
    """A new private feed token for ``actor`` (their previous one stops working); returns
    the token itself, which is stored nowhere."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoked = FeedToken.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        feed = FeedToken.objects.create(user=actor, token_hash=token_hash(token))
        audit.record(
            actor=actor,
            action="calendar.issue_feed",
            object_type="accounts.user",
            object_id=actor.pk,
            after={"feed": feed.pk, "replaced": bool(revoked)},
        )
    return token


def revoke_feed(*, actor) -> bool:
    with transaction.atomic():
        revoked = FeedToken.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            audit.record(
                actor=actor, action="calendar.revoke_feed", object_type="accounts.user", object_id=actor.pk
            )
    return bool(revoked)


def user_for_token(token: str):
    """The active user whose live feed this token is, or None (revoked, unknown, another city's)."""
    if not token or len(token) > 100:
        return None
    feed = (
        FeedToken.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        FeedToken.objects.filter(pk=feed.pk).update(
            last_used_at=now
        )  # at most hourly: a feed is polled often
    return feed.user
