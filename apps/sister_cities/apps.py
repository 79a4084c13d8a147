from django.apps import AppConfig


class SisterCitiesConfig(AppConfig):
    name = "apps.sister_cities"
    label = "sister_cities"
    verbose_name = "Sister cities and twinning"

    def ready(self) -> None:
        from apps.sister_cities import module  # noqa: F401  (registers the module and its workflow)
