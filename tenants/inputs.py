"""Inputs of the office administrator's unit changes, declared once for the page and the
API (``apps.casework.inputs``: the serializer is the declaration, the web form derives)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class UnitChangeInput(serializers.Serializer):
    section = serializers.ChoiceField(
        label=_("List"), choices=[("submitting_units", _("Submitting units")), ("divisions", _("Divisions"))]
    )
    action = serializers.ChoiceField(
        label=_("Change"),
        choices=[
            ("add", _("Add")),
            ("rename", _("Rename")),
            ("retire", _("Retire")),
            ("remove", _("Remove")),
        ],
    )
    code = serializers.RegexField(
        label=_("Code"),
        regex=r"^[a-z][a-z0-9_]{1,30}$",
        max_length=31,
        error_messages={"invalid": _("Lower-case letters, digits and _; starting with a letter.")},
    )
    name_zh = serializers.CharField(
        label=_("Name (Chinese)"), required=False, allow_blank=True, max_length=200
    )
    name_en = serializers.CharField(
        label=_("Name (English)"), required=False, allow_blank=True, max_length=200
    )
    kind = serializers.ChoiceField(
        label=_("Kind of unit"),
        required=False,
        allow_blank=True,
        choices=[
            ("district", _("District")),
            ("county", _("County")),
            ("county_city", _("County-level city")),
            ("department", _("Municipal department")),
        ],
    )
    reason = serializers.CharField(label=_("Reason"), max_length=500)
