from django.apps import AppConfig


class TripsConfig(AppConfig):
    name = "apps.trips"
    label = "trips"
    verbose_name = "Official trips abroad"

    def ready(self):
        from apps.trips import module  # noqa: F401  (registers the module and its workflow)
