"""Template helpers of the UI kit (``{% load kit %}``); the partials are in
``platform/templates/kit/``.

- ``{% crumb label %}`` / ``{% crumb label "url-name" arg ... %}``: one breadcrumb item
  (the one without a URL is the current page), inside ``{% block breadcrumbs %}``.
- ``{% items a b c as columns %}``: a list built in a template (column headers for
  ``kit/list.html``: ``{% items _("Name") _("Unit") as columns %}``).
- ``{% pairs _("Unit") unit _("Dates") dates as fields %}``: (label, value) pairs for
  ``kit/field_list.html``.
- ``actions|kit_actions:"close=trips/_close_fields.html"``: a casework module's
  ``(name, label, comment_required)`` triples as the dicts ``kit/actions.html`` takes.
- ``{% case_actions actions "invitations:action" record as buttons %}``: a casework
  record page's ``(Action, WebInput)`` pairs (``CaseRecordView``) as ``kit/actions.html``'s
  dicts, each posting its own input to its own URL.
- ``{% form_errors input %}`` also takes a ``WebInput`` (its form and every formset).
- ``{% chart_data pairs kind="bar" title=... series=... as chart %}``: ECharts data for
  ``kit/chart.html`` from (label, value) pairs.
"""

from __future__ import annotations

from django import forms, template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()

# How a casework action looks: the kind of button and whether it asks "are you sure?".
VARIANTS = {
    "submit": "primary",
    "approve": "success",
    "province_approve": "success",
    "return": "warning",
    "reject": "danger",
    "province_reject": "danger",
    "withdraw": "outline-danger",
    "hold": "outline-danger",
}
CONFIRM = {"reject", "province_reject", "withdraw"}


@register.simple_tag
def crumb(label, url_name=None, *args):
    if url_name is None:
        return format_html('<li class="breadcrumb-item active" aria-current="page">{}</li>', label)
    return format_html(
        '<li class="breadcrumb-item"><a href="{}">{}</a></li>', reverse(url_name, args=args), label
    )


@register.simple_tag
def items(*args):
    return list(args)


@register.simple_tag
def pairs(*args):
    return [(args[index], args[index + 1]) for index in range(0, len(args) - 1, 2)]


@register.filter
def kit_actions(actions, extra: str = ""):
    """``extra``: ``"name=template,name=template"``: templates with the further fields an
    action posts (a report, an outcome); such an action has no comment unless it requires one."""
    templates = dict(part.split("=", 1) for part in extra.split(",") if "=" in part)
    result = []
    for action in actions or ():
        if isinstance(action, dict):
            result.append(action)
            continue
        if len(action) == 2:  # (Action, WebInput) from an action table (CaseRecordView)
            action, _input = action
            result.append(
                {
                    "name": action.name,
                    "label": action.title,
                    "comment": action.comment if action.comment in ("required", "optional") else None,
                    "fields_template": templates.get(action.name),
                    "variant": VARIANTS.get(action.name, "outline-primary")
                    if action.style == "secondary"
                    else action.style,
                    "confirm": bool(action.confirm) or action.name in CONFIRM,
                }
            )
            continue
        name, label, comment_required = action
        fields = templates.get(name)
        result.append(
            {
                "name": name,
                "label": label,
                "comment": "required" if comment_required else (None if fields else "optional"),
                "fields_template": fields,
                "variant": VARIANTS.get(name, "outline-primary"),
                "confirm": name in CONFIRM,
            }
        )
    return result


@register.simple_tag
def case_actions(pairs, url_name: str, record):
    """``(Action, WebInput)`` pairs -> ``kit/actions.html`` dicts: the action's own fields
    (``input``, rendered by ``kit/input.html``: version, comment and the rest), its URL."""
    result = []
    for action, web in pairs or ():
        fields = web.form.fields.values()
        result.append(
            {
                "name": action.name,
                "label": action.title,
                "comment": None,  # a field of the input when the action takes one
                "input": web,
                "url": reverse(url_name, args=[record.pk, action.name]),
                "variant": action.style,
                "confirm": bool(action.confirm),
                "confirm_text": action.confirm_text,
                "multipart": any(isinstance(field, forms.FileField) for field in fields),
            }
        )
    return result


@register.simple_tag
def chart_data(pairs, kind="bar", title="", series=""):
    pairs = list(pairs or ())
    return {
        "kind": kind,
        "title": str(title),
        "labels": [str(pair[-2]) for pair in pairs],  # (label, value) or (code, label, value)
        "series": [{"name": str(series or title), "data": [float(pair[-1]) for pair in pairs]}],
    }


@register.filter
def columns(things, css: str = ""):
    """``measures|columns:"text-end"``: headers for ``kit/list.html`` from things with a
    ``title`` (``{% items _("Unit") as first %}`` then ``first|add:more`` joins them)."""
    return [{"label": getattr(thing, "title", thing), "class": css} for thing in things or ()]


@register.filter
def country(code) -> str:
    """``{{ code|country }}``: a country's or region's name in the page's language."""
    from apps.registry import countries

    return countries.name(code) if code else ""


@register.filter
def get(mapping, key):
    """``legends|get:name``: a dict's value for a key computed in the template ("" if none)."""
    return (mapping or {}).get(key, "")


@register.filter
def startswith(value, prefix) -> bool:
    return str(value).startswith(str(prefix))


def _form_errors(form, position: str = "") -> list[dict]:
    found = []
    for message in form.non_field_errors():
        found.append({"label": "", "message": f"{position}{message}", "anchor": ""})
    for field in form:
        for message in field.errors:
            label = f"{position}{field.label}"
            found.append({"label": label, "message": message, "anchor": field.id_for_label})
    return found


@register.inclusion_tag("kit/form_errors.html")
def form_errors(*forms_and_formsets):
    """The error summary on top of a form: every error of the given forms and formsets
    (a formset's rows numbered "2. ")."""
    errors = []
    expanded = []
    for item in forms_and_formsets:
        if hasattr(item, "formsets") and hasattr(item, "form"):  # a casework WebInput
            expanded.extend([item.form, *item.formsets.values()])
        else:
            expanded.append(item)
    for item in expanded:
        if item is None or not item.is_bound:
            continue
        if hasattr(item, "forms"):  # a formset
            for message in item.non_form_errors():
                errors.append({"label": "", "message": message, "anchor": ""})
            for number, form in enumerate(item.forms, start=1):
                errors.extend(_form_errors(form, f"{number}. "))
        else:
            errors.extend(_form_errors(item))
    return {"errors": errors}


@register.filter
def menu_url(module_menu, module_id) -> str:
    """The URL of a module in the menu (the context processor's ``module_menu``), or ""."""
    return next((item["url"] for item in module_menu or () if item["id"] == module_id), "")


@register.simple_tag(takes_context=True)
def can(context, permission: str) -> bool:
    """``{% can "trips.manage" as can_manage %}``: whether the signed-in user holds the
    permission here (the same check as the views')."""
    from apps.accounts.access import has_permission

    request = context.get("request")
    return bool(request is not None and has_permission(request, permission))


@register.simple_tag(takes_context=True)
def personal(context, value, obj=None):
    """``{% personal row.passport_number row %}``: a passport/identity number or birth date
    in full for those allowed (audited once per record and request), masked for others."""
    from apps.accounts.personal import reveal

    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return reveal(context.get("request"), obj, value)
