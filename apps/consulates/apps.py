from django.apps import AppConfig


class ConsulatesConfig(AppConfig):
    name = "apps.consulates"
    label = "consulates"
    verbose_name = "Consulates, missions and foreign organisations"

    def ready(self) -> None:
        from apps.consulates import module  # noqa: F401  (registers the module)
