from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "apps.calendar"
    label = "foreign_calendar"
    verbose_name = "The office's foreign-affairs calendar"
