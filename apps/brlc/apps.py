from django.apps import AppConfig


class BrlcConfig(AppConfig):
    name = "apps.brlc"
    label = "brlc"
    verbose_name = "Belt and Road Local Cooperation secretariat"

    def ready(self) -> None:
        from apps.brlc import module  # noqa: F401  (registers the module and its workflow)
