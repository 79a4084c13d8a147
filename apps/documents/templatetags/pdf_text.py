"""Filters for PDF templates: ``{{ day|date:"j F Y"|nobreak }}`` keeps a date (or any
short phrase) on one line; the renderer breaks lines only at ordinary spaces."""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def nobreak(value) -> str:
    text = str(value).replace(" ", "\u00a0")
    return mark_safe(text) if isinstance(value, SafeString) else text  # noqa: S308 (only spaces changed)
