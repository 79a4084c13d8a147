from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "apps.conferences"
    label = "conferences"
    verbose_name = "International conferences and major foreign-related activities"

    def ready(self) -> None:
        from apps.conferences import module  # noqa: F401  (registers the module and its workflow)
