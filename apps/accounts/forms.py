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


class ChoosePasswordForm(forms.Form):
    """The password chosen through a one-time link, checked by the project's validators."""

    password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password2(self):
        from django.contrib.auth import password_validation

        one, two = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if one and two and one != two:
            raise forms.ValidationError(_("The two passwords differ."))
        password_validation.validate_password(two, self.user)
        return two
