"""A user's private subscription to their calendar (an ICS feed URL with a secret token).

Only the token's SHA-256 is stored; the address is shown once, when it is made. A city's
tokens live in its schema: another city's token finds nothing there."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FeedToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="calendar_one_live_feed"
            )
        ]

    def __str__(self) -> str:
        return f"feed of {self.user_id}"
