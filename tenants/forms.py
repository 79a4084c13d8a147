"""Operators' forms on the platform host. The API (tenants/api.py) validates with the
same forms, so each input is declared once."""

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


class ProfileTextForm(forms.Form):
    """A profile's YAML, written in the editor or uploaded as a file; the web pages and the
    operators' API read it through this one form."""

    text = forms.CharField(
        label=_("Profile (YAML)"),
        required=False,
        max_length=200_000,
        strip=False,
        widget=forms.Textarea(
            attrs={
                "class": "form-control font-monospace profile-text",
                "rows": 28,
                "spellcheck": "false",
                "wrap": "off",
            }
        ),
    )
    upload = forms.FileField(label=_("or upload a file"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500, strip=True)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None:
            if upload.size > 200_000:
                self.add_error("upload", _("The file is too large."))
                return cleaned
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", _("The file is not UTF-8 text."))
                return cleaned
        if not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Write the profile or upload a file."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, strip=True)


class ReactivationForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, strip=True)
    confirm = forms.BooleanField(label=_("I confirm: the office's users can sign in and work again."))


class ArchiveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, strip=True)
    confirm = forms.BooleanField(
        label=_("I confirm: the office becomes read-only; every change is refused until it is reactivated.")
    )


class RemovalForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200, strip=True)
    confirm_code = forms.CharField(
        label=_("Type the city's code to confirm"),
        max_length=31,
        strip=True,
        help_text=_("Its schema, its data and its public rows are deleted for good."),
    )

    def __init__(self, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city

    def clean_confirm_code(self):
        value = self.cleaned_data["confirm_code"]
        if self.city is not None and value != self.city.code:
            raise forms.ValidationError(_("Type the city's code exactly to confirm."))
        return value


class RestoreForm(forms.Form):
    archive = forms.FileField(label=_("City archive (.tar.gz)"), required=False)
    code = forms.SlugField(
        label=_("City code"), max_length=31, help_text=_("The code of the restored city (and its schema).")
    )
    subdomain = forms.SlugField(
        label=_("Subdomain"), max_length=63, required=False, help_text=_("By default the city code.")
    )

    def clean_code(self):
        return self.cleaned_data["code"].lower()

    def clean_subdomain(self):
        return (self.cleaned_data.get("subdomain") or "").lower()
