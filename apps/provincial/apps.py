from django.apps import AppConfig


class ProvincialConfig(AppConfig):
    name = "apps.provincial"
    label = "provincial"
    verbose_name = "Provincial FAO portal"

    def ready(self) -> None:
        from apps.provincial import exports  # noqa: F401  (registers the background report)
