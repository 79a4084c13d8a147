from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "apps.workdays"
    label = "workdays"
    verbose_name = "Working-day calendar"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from apps.workdays import calendar
        from apps.workdays.models import CalendarYear

        post_save.connect(calendar.forget, sender=CalendarYear, dispatch_uid="workdays-calendar-save")
        post_delete.connect(calendar.forget, sender=CalendarYear, dispatch_uid="workdays-calendar-delete")
