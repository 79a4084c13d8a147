"""Two small kernel additions: ``Module.people_lookup`` (a module offers the people it knows
to other modules, through the registry, never naming them) and date-and-time inputs on the
web forms derived from a serializer."""

from __future__ import annotations

from django import forms
from django.db import connection
from rest_framework import serializers

from apps.casework.inputs import form_field
from apps.registry.modules import Module, people_lookup, registry
from tests.conftest import in_city


def test_a_module_offers_nobody_by_default_and_an_empty_query_finds_nobody(db):
    class Quiet(Module):
        id = "quiet"
        names = {"zh": "静", "en": "Quiet"}

    assert Quiet().people_lookup(None, "anyone") == []
    with in_city("hangzhou"):
        assert people_lookup(None, "  ") == []


def test_the_lookup_asks_only_the_modules_the_city_switches_on(db, monkeypatch):
    asked = []
    for module in registry:
        monkeypatch.setattr(
            type(module),
            "people_lookup",
            lambda self, actor, q: asked.append(self.id) or [{"ref": f"{self.id}:x:1", "name_latin": q}],
        )
    with in_city("hangzhou"):
        enabled = {m.id for m in registry.iter_enabled(connection.tenant.profile)}
        found = people_lookup(None, "ANNA", limit=50)
    assert set(asked) == enabled
    assert {f["ref"].split(":")[0] for f in found} == enabled


def test_a_date_and_time_is_a_local_datetime_input():
    field = form_field(serializers.DateTimeField(label="start"))
    assert isinstance(field, forms.DateTimeField)
    assert field.widget.input_type == "datetime-local"
    assert field.widget.format == "%Y-%m-%dT%H:%M"


def test_a_formset_is_headed_by_its_list_label():
    from apps.casework.inputs import WebInput

    class Row(serializers.Serializer):
        name = serializers.CharField()

    class Outer(serializers.Serializer):
        follow_ups = Row(many=True, label="follow-ups")

    assert WebInput(Outer).list_labels == {"follow_ups": "Follow-ups"}
