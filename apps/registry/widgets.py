"""Form widgets of the UI kit, used by every module's forms.

``DateInput`` renders ``<input type="date">`` with an ISO value (YYYY-MM-DD) whatever the
active language: the browser's date control accepts nothing else, and a localised value
("2027/02/22" in Chinese) shows as an empty field that then saves as empty.
``SearchableSelect`` marks a ``<select>`` for the kit's script (``kit/kit.js``), which turns
it into a Tom Select with a search box (countries, units, people); without the script it
stays a plain select.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or ISO_DATE)


class SearchableSelect(forms.Select):
    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"data-searchable": "", **(attrs or {})}, choices=choices)


class SearchableSelectMultiple(forms.SelectMultiple):
    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs={"data-searchable": "", **(attrs or {})}, choices=choices)
