from django.apps import AppConfig


class ProvincialConfig(AppConfig):
    name = "apps.provincial"
    label = "provincial"
    verbose_name = "Provincial FAO portal"
