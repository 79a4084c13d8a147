"""Users live in the schema of the site they belong to: a city's users in its schema,
platform operators in the public schema. The same table exists in both, so an account
of one city simply does not exist on another city's host."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import ALL_ROLES


class User(AbstractUser):
    ROLE_CHOICES = [(code, names["en"]) for code, names in ALL_ROLES.items()]

    role = models.CharField(_("role"), max_length=32, choices=ROLE_CHOICES)
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    unit = models.CharField(
        _("unit"), max_length=64, blank=True, help_text=_("Division or submitting unit code")
    )
    # Created by `setup_platform --demo` with a published password: a server refuses to start
    # outside the demo while such an account is active (apps.accounts.demo_guard).
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_label(self) -> str:
        from apps.accounts.roles import role_label

        return role_label(self.role)


class SignInFailure(models.Model):
    """One failed sign-in, kept for throttling (per account and per client address)."""

    username = models.CharField(max_length=150, db_index=True)
    client_address = models.GenericIPAddressField(null=True, db_index=True)
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} at {self.occurred_at:%Y-%m-%d %H:%M}"


from apps.accounts.links import SignInLink  # noqa: E402,F401
from apps.accounts.tokens import ApiToken  # noqa: E402,F401 (the model lives with its logic)
