from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "apps.donations"
    label = "donations"
    verbose_name = "Donations from abroad"

    def ready(self) -> None:
        from apps.donations import module  # noqa: F401  (registers the module and its workflow)
