"""The filters of the delegation list (``?q=&state=&kind=&country=``), as a form for the UI
kit's filter bar (kit/filters.html). The view reads the same parameters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.registry import countries
from apps.registry.i18n import label
from apps.registry.widgets import SearchableSelect
from apps.trips.models import Delegation
from apps.trips.workflow import STATES


class DelegationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    state = forms.ChoiceField(label=_("State"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country/region"), required=False, widget=SearchableSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.fields["state"].choices = everything + [
            (code, label(names, code)) for code, names in STATES.items()
        ]
        self.fields["kind"].choices = everything + list(Delegation.Kind.choices)
        self.fields["country"].choices = everything + countries.choices("abroad") + countries.choices("hkmo")
