"""A list page's two kit pieces, the same in every module: its filters as a form (the
filter serializer that the API uses too, each error under its field) and its page of rows
with the query string that keeps the filters across pages (kit/filters.html, kit/pager.html)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator

from apps.casework.inputs import WebInput

PAGE_SIZE = 30


def filter_form(request, serializer_class):
    """The filters of ``request.GET`` as the page's form, validated when given. A filter's
    text is one line (a search box), whatever length the field allows."""
    web = WebInput(serializer_class, data=request.GET if request.GET else None)
    if web.bound:
        web.is_valid()
    for field in web.form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget = forms.TextInput(attrs={"class": field.widget.attrs.get("class", "form-control")})
    return web.form


def page_of(request, queryset, size: int = PAGE_SIZE) -> tuple[Page, str]:
    """The page ``?page=`` asks for, and the query string without it (for the pager links)."""
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
