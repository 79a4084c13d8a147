from django import template

from apps.leading_group.workflow import OPEN_TASK_STATES

register = template.Library()


@register.simple_tag
def key_point_counts(point, today):
    """How many tasks a key point has, closed and overdue (its tasks prefetched)."""
    tasks = list(point.tasks.all())
    return {
        "total": len(tasks),
        "closed": sum(t.case.state == "closed" for t in tasks),
        "overdue": sum(t.case.state in OPEN_TASK_STATES and t.deadline < today for t in tasks),
    }
