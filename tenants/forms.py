"""Operators' forms on the platform host."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SuspensionForm(forms.Form):
    """Suspending an office's service: a reason (kept in the audit log) and an explicit
    confirmation, both required."""

    reason = forms.CharField(label=_("Reason"), max_length=200, strip=True)
    confirm = forms.BooleanField(
        label=_("I confirm: the office's users are turned away until its service is reactivated.")
    )
