"""``{% working_calendar_notice %}``: says when deadlines fall back to Monday-Friday."""

from django import template

from apps.workdays.calendar import unofficial_years

register = template.Library()


@register.inclusion_tag("workdays/notice.html")
def working_calendar_notice() -> dict:
    """The years (this one, next one) whose official calendar is not loaded yet."""
    return {"years": unofficial_years()}
