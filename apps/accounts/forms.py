from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("One-time code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class NewTokenForm(forms.Form):
    name = forms.CharField(label=_("What it is for"), max_length=80, required=False)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=settings.API_TOKEN_DAYS,
                              initial=settings.API_TOKEN_DAYS)  # fmt: skip
