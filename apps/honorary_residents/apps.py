from django.apps import AppConfig


class HonoraryResidentsConfig(AppConfig):
    name = "apps.honorary_residents"
    label = "honorary_residents"
    verbose_name = "Honorary residents"

    def ready(self) -> None:
        from apps.honorary_residents import module  # noqa: F401  (registers the module and its workflow)
