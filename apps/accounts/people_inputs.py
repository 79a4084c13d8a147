"""User management's inputs, declared once for the web form and the API (and each row of an
XLSX import): the role and unit lists come from the site's scope (``people.current_scope``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.accounts import people


def _role_choices():
    return [("", "—"), *people.current_scope().role_choices()]


def _unit_choices():
    return [("", "—"), *people.current_scope().grouped_unit_choices()]


class RoleField(serializers.CharField):
    """A role's code that this site may give (the web offers the site's roles by name)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=32, style={"choices": _role_choices}, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and value not in people.current_scope().roles:
            raise serializers.ValidationError(_("This role cannot be given here."))
        return value


class UnitField(serializers.CharField):
    """A unit's code of this site: a city's division or submitting unit, a province."""

    def __init__(self, **kwargs):
        super().__init__(max_length=64, style={"choices": _unit_choices, "searchable": True}, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and value not in people.current_scope().units:
            raise serializers.ValidationError(_("Unknown unit “%(unit)s”.") % {"unit": value})
        return value


class _Scoped(serializers.Serializer):
    """Checks that the unit fits the role (a submitter's submitting unit, a reviewer's province)."""

    def validate(self, attrs):
        role, unit = attrs.get("role"), attrs.get("unit")
        if role is not None and unit is not None:
            problems = people.check_role_and_unit(scope=people.current_scope(), role=role, unit=unit)
            if problems:
                raise serializers.ValidationError(problems)
        return attrs


class UserInput(_Scoped):
    """A new account (invited with a one-time link)."""

    username = serializers.CharField(label=_("user name"), max_length=150)
    display_name = serializers.CharField(label=_("name"), max_length=100)
    email = serializers.EmailField(
        label=_("e-mail"),
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The one-time link is mailed here; you can also hand it over in person."),
    )
    role = RoleField(label=_("role"))
    unit = UnitField(
        label=_("unit"),
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A department submitter's submitting unit; the division of the office's staff."),
    )

    def validate_username(self, value):
        if problems := people.username_problems(value.strip()):
            raise serializers.ValidationError(problems)
        return value.strip()


class UserChangeInput(_Scoped):
    """What an administrator changes on an account (what is left out stays)."""

    display_name = serializers.CharField(label=_("name"), max_length=100, required=False)
    email = serializers.EmailField(label=_("e-mail"), required=False, allow_blank=True)
    role = RoleField(label=_("role"), required=False)
    unit = UnitField(label=_("unit"), required=False, allow_blank=True)


class UserFilter(_Scoped):
    q = serializers.CharField(label=_("search"), required=False, allow_blank=True, max_length=100)
    role = RoleField(label=_("role"), required=False, allow_blank=True)
    unit = UnitField(label=_("unit"), required=False, allow_blank=True)
    active = serializers.ChoiceField(
        label=_("status"),
        required=False,
        allow_blank=True,
        choices=[("1", _("Active")), ("0", _("Deactivated"))],
    )

    def validate(self, attrs):
        return attrs


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    email = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField()
    unit = serializers.CharField()
    unit_label = serializers.CharField()
    is_active = serializers.BooleanField()
    has_password = serializers.BooleanField(help_text="False until the one-time link is used.")
    last_login = serializers.DateTimeField(allow_null=True)
    date_joined = serializers.DateTimeField()


class InvitedSerializer(UserSerializer):
    link = serializers.CharField(help_text="The one-time link: shown this once, never again.")


class ImportInput(serializers.Serializer):
    file = serializers.FileField(label=_("XLSX file"))
