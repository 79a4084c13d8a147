"""One input declaration for the web form and the API: a DRF serializer.

A field's ``style`` may give the web its list (``{"choices": callable, "searchable": True}``:
a select, searchable with Tom Select) where the API takes a code; ``{"hidden": True}``: a
value the page itself gives (the record of the page), posted back, never shown or typed.

The API validates with the serializer itself. The web derives its form (and one formset
per nested ``many=True`` serializer) from the same serializer, only to render fields and
collect what was typed: the posted data is turned into the serializer's payload and
validated by the serializer, and every error - the serializer's or the service's
(``invitees[1].passport_number``) - is put back on the field it names. So the same rule
gives the same message on the same field in both.

    form = WebInput(InvitationInput, data=request.POST, files=request.FILES, context={"request": request})
    if form.is_valid():
        services.create(actor=request.user, data=form.validated_data)
    ...
    try: ... except ValidationError as error: form.add_errors(error)

API side: ``validated(InvitationInput, request.data, context=...)`` raises a DRF error whose
``fields`` use the same paths (``invitees[1].passport_number``).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

from apps.registry.widgets import SearchableSelect

DATE_WIDGET = {"type": "date"}
PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")
NON_FIELD = "non_field_errors"


# --- errors --------------------------------------------------------------------------


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail -> {"field": [...], "invitees[1].name": [...]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if isinstance(key, int) or str(key).isdigit():  # a list's row (DRF gives {index: errors})
                path = f"{prefix}[{key}]"
            elif prefix and key != NON_FIELD:
                path = f"{prefix}.{key}"
            else:
                path = prefix or str(key)
            for sub, messages in flatten_errors(value, path).items():
                flat.setdefault(sub, []).extend(messages)
    elif isinstance(detail, list):
        if detail and all(isinstance(item, dict | list) for item in detail):
            for index, item in enumerate(detail):
                for sub, messages in flatten_errors(item, f"{prefix}[{index}]").items():
                    flat.setdefault(sub, []).extend(messages)
        else:
            flat.setdefault(prefix or NON_FIELD, []).extend(str(item) for item in detail)
    else:
        flat.setdefault(prefix or NON_FIELD, []).append(str(detail))
    return {key: value for key, value in flat.items() if value}


def django_error_dict(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {(NON_FIELD if key == "__all__" else key): value for key, value in error.message_dict.items()}
    return {NON_FIELD: list(error.messages)}


def validated(serializer_class, data, *, context: dict | None = None, **kwargs) -> dict[str, Any]:
    """The serializer's validated data, or a 400 whose fields are flat paths."""
    serializer = serializer_class(data=data, context=context or {}, **kwargs)
    if not serializer.is_valid():
        raise exceptions.ValidationError(flatten_errors(serializer.errors))
    return serializer.validated_data


# --- declared fields -------------------------------------------------------------------


class CountryField(serializers.ChoiceField):
    """A country or region by its ISO 3166-1 alpha-2 code (any case on input), offered by
    name in the reader's language (``apps.registry.countries.choices(kind)``); the web form
    shows it as a searchable list. An unknown code is a field error."""

    default_error_messages = {"invalid_choice": _("Unknown country or region code “{input}”.")}

    def __init__(self, kind: str = "nationality", **kwargs):
        from apps.registry import countries

        self.kind = kind
        # DRF re-creates a field for every serializer instance: names in the active language.
        super().__init__(choices=countries.choices(kind), **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data.strip().upper() if isinstance(data, str) else data)


def query_filters(serializer_class, params) -> dict[str, Any]:
    """A list's filters from its query string, read by the same serializer as the API's
    (a page never answers 400 for a filter: an invalid value is left out)."""
    serializer = serializer_class(data=params)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    fields = serializer_class().fields
    valid = {key: value for key, value in params.items() if key in fields and key not in serializer.errors}
    again = serializer_class(data=valid)
    return dict(again.validated_data) if again.is_valid() else {}


# --- serializer field -> form field ------------------------------------------------------

HIDDEN = {"version"}  # the case's version as read: posted back, never typed


def _choices(field) -> list[tuple[Any, str]]:
    return [(key, str(value)) for key, value in field.choices.items()]


def form_field(field: serializers.Field) -> forms.Field:
    """The Django form field that renders (and collects) one serializer field, styled for
    Bootstrap."""
    made = _form_field(field)
    widget = made.widget
    css = {"checkbox": "form-check-input", "select": "form-select", "selectmultiple": "form-select"}
    kind = type(widget).__name__.lower().replace("input", "")
    widget.attrs.setdefault("class", css.get(kind, "form-control"))
    if isinstance(field, CountryField):  # a long list: a search box (kit.js)
        widget.attrs["data-searchable"] = ""
    return made


def _form_field(field: serializers.Field) -> forms.Field:
    common = {
        "label": capfirst(field.label) if field.label else field.label,
        # A help text given as a plain string documents the API (English, for developers);
        # the page shows only a translated one (gettext_lazy), in the reader's language.
        "help_text": field.help_text if isinstance(field.help_text, Promise) else "",
        "required": field.required and not isinstance(field, serializers.BooleanField),
    }
    if "choices" in field.style:  # the web picks from a list (the API may take more: "jp")
        widget = SearchableSelect if field.style.get("searchable") else forms.Select
        return forms.ChoiceField(choices=field.style["choices"], widget=widget, **common)
    if isinstance(field, serializers.MultipleChoiceField):
        return forms.MultipleChoiceField(choices=_choices(field), **common)
    if isinstance(field, serializers.ChoiceField):
        choices = [("", "—"), *_choices(field)]
        return forms.ChoiceField(choices=choices, **common)
    if isinstance(field, serializers.BooleanField):
        return forms.BooleanField(**common)
    if isinstance(field, serializers.DateTimeField):  # local date and time, ISO
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        return forms.DateTimeField(widget=widget, **common)
    if isinstance(field, serializers.DateField):
        return forms.DateField(widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"), **common)
    if isinstance(field, serializers.IntegerField):
        return forms.IntegerField(**common)
    if isinstance(field, serializers.DecimalField):
        return forms.DecimalField(**common)
    if isinstance(field, serializers.FileField):
        return forms.FileField(**common)
    if isinstance(field, serializers.EmailField):
        return forms.EmailField(**common)
    if isinstance(field, serializers.CharField):
        if field.max_length is None or field.style.get("base_template") == "textarea.html":
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
        return forms.CharField(max_length=field.max_length, **common)
    return forms.CharField(**common)


class _CollectingForm(forms.Form):
    """Renders and collects; never validates (the serializer does)."""

    def full_clean(self):
        self._errors = ErrorDict()
        self.cleaned_data = {}


class _CollectingFormSet(forms.BaseFormSet):
    def full_clean(self):
        super().full_clean()

    def non_form_errors(self):
        if self._non_form_errors is None:
            self.full_clean()
        return self._non_form_errors


def _form_class(serializer: serializers.Serializer, name: str) -> type[forms.Form]:
    attrs = {
        key: form_field(field)
        for key, field in serializer.fields.items()
        if not field.read_only and not isinstance(field, serializers.BaseSerializer | serializers.HiddenField)
    }
    for key in HIDDEN & set(attrs):
        attrs[key].widget = forms.HiddenInput()
    for key in set(attrs):  # ``style={"hidden": True}``: the page gives it (e.g. from the address)
        if serializer.fields[key].style.get("hidden"):
            attrs[key].widget = forms.HiddenInput()
    return type(name, (_CollectingForm,), attrs)


def _raw(field: serializers.Field, form_field_: forms.Field, data, files, key: str):
    """The value the serializer gets for one field, or ``serializers.empty`` to omit it."""
    if isinstance(field, serializers.BooleanField):
        return key in data and data.get(key) not in ("", "false", "off", "0")
    if isinstance(field, serializers.FileField):
        return files.get(key, serializers.empty) if files is not None else serializers.empty
    if isinstance(field, serializers.MultipleChoiceField):
        return data.getlist(key) if hasattr(data, "getlist") else data.get(key, [])
    value = data.get(key, "")
    if isinstance(value, str):
        value = value.strip()
    if value == "" and (not isinstance(field, serializers.CharField) or not field.required):
        return serializers.empty
    return value


def _empty_row(form: forms.Form) -> bool:
    return not any(
        (form.data.get(form.add_prefix(name)) or "").strip()
        for name, field in form.fields.items()
        if not isinstance(field, forms.BooleanField)
    )


def _max_rows(field: serializers.ListSerializer) -> int | None:
    """A list's most rows: ``max_length``, or ``style={"max_rows": callable}`` when it
    depends on the office (the service refuses more, under the list's name)."""
    rows = field.style.get("max_rows") if getattr(field, "style", None) else None
    return (rows() if callable(rows) else rows) or getattr(field, "max_length", None)


class WebInput:
    """A serializer as a web form: ``form`` (its plain fields) and ``formsets`` (one per
    nested list serializer, under the same name as the API's list)."""

    max_rows = 50

    def __init__(self, serializer_class, *, data=None, files=None, initial=None, context=None):
        self.serializer_class = serializer_class
        self.context = context or {}
        self.serializer = serializer_class(context=self.context)
        self.bound = data is not None
        self.data, self.files = data, files
        initial = dict(initial or {})
        self.lists = {
            key: field
            for key, field in self.serializer.fields.items()
            if isinstance(field, serializers.ListSerializer) and not field.read_only
        }
        form_class = _form_class(self.serializer, f"{serializer_class.__name__}Form")
        self.form = (
            form_class(data=data, files=files, initial=initial) if self.bound else form_class(initial=initial)
        )
        self.formsets: dict[str, forms.BaseFormSet] = {}
        for key, field in self.lists.items():
            row_class = _form_class(field.child, f"{serializer_class.__name__}{key.title()}Form")
            formset_class = forms.formset_factory(
                row_class,
                formset=_CollectingFormSet,
                extra=0,
                min_num=1 if field.required and not field.allow_empty else 0,
                max_num=_max_rows(field) or self.max_rows,
            )
            if self.bound:
                self.formsets[key] = formset_class(data=data, files=files, prefix=key)
            else:
                rows = initial.get(key) or [{}]
                self.formsets[key] = formset_class(initial=rows, prefix=key)
        self.validated_data: dict[str, Any] | None = None

    @property
    def list_labels(self) -> dict[str, str]:
        """{list name: its label}: the legend of each formset (kit/input.html)."""
        return {key: capfirst(field.label) if field.label else key for key, field in self.lists.items()}

    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        for key, field in self.serializer.fields.items():
            if field.read_only or key in self.lists or key not in self.form.fields:
                continue
            value = _raw(field, self.form.fields[key], self.data, self.files, self.form.add_prefix(key))
            if value is not serializers.empty:
                payload[key] = value
        for key, formset in self.formsets.items():
            child = self.lists[key].child
            rows = []
            self._row_forms: dict[str, list[forms.Form]] = getattr(self, "_row_forms", {})
            kept = self._row_forms[key] = []
            for form in formset.forms:
                if _empty_row(form):
                    continue
                row = {}
                for name, field in child.fields.items():
                    if field.read_only or name not in form.fields:
                        continue
                    value = _raw(field, form.fields[name], self.data, self.files, form.add_prefix(name))
                    if value is not serializers.empty:
                        row[name] = value
                rows.append(row)
                kept.append(form)
            payload[key] = rows
        return payload

    def is_valid(self) -> bool:
        if not self.bound:
            return False
        self.form.full_clean()
        for formset in self.formsets.values():
            formset.full_clean()
        serializer = self.serializer_class(data=self.payload(), context=self.context)
        if serializer.is_valid():
            self.validated_data = serializer.validated_data
            return True
        self.place(flatten_errors(serializer.errors))
        return False

    def add_errors(self, error: DjangoValidationError | exceptions.ValidationError) -> None:
        """Puts a service's (or DRF's) error on the fields it names."""
        if isinstance(error, exceptions.ValidationError):
            self.place(flatten_errors(error.detail))
        else:
            self.place(django_error_dict(error))

    def place(self, errors: dict[str, list[str]]) -> None:
        for path, messages in errors.items():
            for message in messages:
                self._place_one(path, message)

    def _place_one(self, path: str, message: str) -> None:
        match = PATH.match(path)
        if match and match.group(1) in self.formsets:
            key, index, name = match.group(1), int(match.group(2)), match.group(3)
            rows = getattr(self, "_row_forms", {}).get(key) or self.formsets[key].forms
            if index < len(rows):
                form = rows[index]
                form.add_error(name if name in form.fields else None, message)
                return
        if path in self.formsets:
            formset = self.formsets[path]
            if formset._non_form_errors is None:
                formset.full_clean()
            formset._non_form_errors.append(message)
            return
        self.form.add_error(path if path in self.form.fields else None, message)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or any(
                formset.non_form_errors() or any(f.errors for f in formset.forms)
                for formset in self.formsets.values()
            )
        )

    def __iter__(self):
        return iter(self.form)


__all__ = [
    "CountryField",
    "ErrorList",
    "WebInput",
    "flatten_errors",
    "form_field",
    "query_filters",
    "validated",
]
