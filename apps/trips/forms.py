"""The custody ledger's intake form. (The delegation form is the API's input serializer,
through ``apps.casework.inputs.WebInput``.)"""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.registry.widgets import DateInput
from apps.trips.models import Member

DATE = DateInput()  # ISO values in every language (a localised one empties the field)


class Labelled(forms.Form):
    """Labels start with a capital letter (English); Chinese labels are unchanged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class CustodyIntakeForm(Labelled):
    """A passport or permit handed in for safekeeping (``services.take_into_custody``)."""

    holder_name = forms.CharField(label=_("holder"), max_length=100)
    holder_birth_date = forms.DateField(label=_("birth date"), widget=DATE)
    document_type = forms.ChoiceField(label=_("document type"), choices=Member.DocumentType.choices)
    number = forms.CharField(label=_("document number"), max_length=20)
