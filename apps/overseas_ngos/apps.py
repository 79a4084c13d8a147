from django.apps import AppConfig


class OverseasNgosConfig(AppConfig):
    name = "apps.overseas_ngos"
    label = "overseas_ngos"
    verbose_name = "Overseas NGOs' activities"

    def ready(self) -> None:
        from apps.overseas_ngos import module  # noqa: F401  (registers the module and its workflow)
