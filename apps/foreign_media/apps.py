from django.apps import AppConfig


class ForeignMediaConfig(AppConfig):
    name = "apps.foreign_media"
    label = "foreign_media"
    verbose_name = "Foreign journalists and media"

    def ready(self) -> None:
        from apps.foreign_media import module  # noqa: F401  (registers the module and its workflow)
