"""The delegation form of the web UI: the application and its rows of members and
destinations (formsets). Errors of the service (``members[1].document_number``) are put
back on the field they name."""

from __future__ import annotations

import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.accounts.scoping import is_unit_bound
from apps.registry import countries
from apps.registry.ranks import rank_choices
from apps.registry.units import unit_choices
from apps.registry.widgets import DateInput, SearchableSelect
from apps.trips.models import Delegation, Member

DATE = DateInput()  # ISO values in every language (a localised one empties the field)


def country_choices() -> list[tuple[str, str]]:
    """Every country or region a trip goes to or an inviter is in, named in the active
    language and sorted by that name."""
    return [("", "—"), *countries.choices("abroad"), *countries.choices("hkmo")]


class CountryField(forms.ChoiceField):
    """A country picked from the list; a code typed in lower case ("jp") is JP."""

    def __init__(self, **kwargs):
        super().__init__(choices=country_choices, widget=SearchableSelect, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class Labelled(forms.Form):
    """Labels start with a capital letter (English); Chinese labels are unchanged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class DelegationForm(Labelled):
    kind = forms.ChoiceField(label=_("kind"), choices=Delegation.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    unit_code = forms.ChoiceField(label=_("submitting unit"), required=False, widget=SearchableSelect)
    purpose = forms.CharField(label=_("purpose and tasks"), widget=forms.Textarea(attrs={"rows": 4}))
    inviter_name = forms.CharField(label=_("inviting organisation"), max_length=200)
    inviter_country = CountryField(label=_("inviter's country/region"))
    funding_source = forms.CharField(label=_("funding source"), max_length=200)
    budget = forms.DecimalField(label=_("budget (yuan)"), max_digits=12, decimal_places=2, min_value=0)
    departure = forms.DateField(label=_("departure"), widget=DATE)
    return_date = forms.DateField(label=_("return"), widget=DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = [("", "—"), *unit_choices()]
        if user is not None and is_unit_bound(user):
            self.fields["unit_code"].disabled = True
            self.fields["unit_code"].initial = user.unit


class MemberForm(Labelled):
    name = forms.CharField(label=_("name"), max_length=100)
    gender = forms.ChoiceField(label=_("gender"), choices=Member.Gender.choices)
    birth_date = forms.DateField(label=_("birth date"), widget=DATE)
    unit = forms.CharField(label=_("unit"), max_length=200)
    position = forms.CharField(label=_("position"), max_length=200)
    rank = forms.ChoiceField(label=_("rank"), choices=rank_choices)
    document_type = forms.ChoiceField(label=_("document type"), choices=Member.DocumentType.choices)
    document_number = forms.CharField(label=_("document number"), max_length=20)
    visa_or_endorsement = forms.CharField(
        label=_("visa (abroad) or endorsement (Hong Kong/Macao)"), max_length=100, required=False
    )
    is_interpreter = forms.BooleanField(label=_("interpreter"), required=False)


class DestinationForm(Labelled):
    country = CountryField(label=_("country/region"))
    arrive = forms.DateField(label=_("arrive"), widget=DATE)
    leave = forms.DateField(label=_("leave"), widget=DATE)
    transit_airside = forms.BooleanField(label=_("airside transit only"), required=False)


def member_formset(*args, **kwargs):
    """The members' rows, as many as ``validation.max_member_rows()`` allows (the same
    limit as the API's; the service refuses more, under "members")."""
    from apps.trips.validation import max_member_rows

    formset = forms.formset_factory(
        MemberForm, extra=0, min_num=1, max_num=max_member_rows(), validate_min=True
    )
    return formset(*args, **kwargs)


DestinationFormSet = forms.formset_factory(DestinationForm, extra=0, min_num=1, max_num=8, validate_min=True)

PATH = re.compile(r"^(members|destinations)\[(\d+)\]\.(\w+)$")


def place_errors(error_dict: dict[str, list[str]], form, members, destinations) -> None:
    """Puts the service's errors on the form fields they name (others on the form)."""
    for path, messages in error_dict.items():
        match = PATH.match(path)
        for message in messages:
            if match:
                formset = members if match.group(1) == "members" else destinations
                index, field = int(match.group(2)), match.group(3)
                if index < len(formset.forms):
                    formset.forms[index].add_error(
                        field if field in formset.forms[index].fields else None, message
                    )
                    continue
            field = path if path in form.fields else None
            form.add_error(field, message)


class CustodyIntakeForm(Labelled):
    """A passport or permit handed in for safekeeping (``services.take_into_custody``)."""

    holder_name = forms.CharField(label=_("holder"), max_length=100)
    holder_birth_date = forms.DateField(label=_("birth date"), widget=DATE)
    document_type = forms.ChoiceField(label=_("document type"), choices=Member.DocumentType.choices)
    number = forms.CharField(label=_("document number"), max_length=20)
