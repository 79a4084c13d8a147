from django.apps import AppConfig


class ReceptionsConfig(AppConfig):
    name = "apps.receptions"
    label = "receptions"
    verbose_name = "Receptions of foreign guests"

    def ready(self) -> None:
        from apps.receptions import module  # noqa: F401  (registers the module and its workflows)
