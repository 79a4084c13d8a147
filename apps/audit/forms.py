"""The audit log page's filter (``?action=&actor=&object_type=&object_id=``), shown by
kit/filters.html: actions picked by their label, never typed as codes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.audit.actions import action_choices
from apps.registry.widgets import SearchableSelect


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, widget=SearchableSelect)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *action_choices()]
