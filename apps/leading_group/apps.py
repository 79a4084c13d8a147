from django.apps import AppConfig


class LeadingGroupConfig(AppConfig):
    name = "apps.leading_group"
    label = "leading_group"
    verbose_name = "Foreign Affairs Leading Group office"

    def ready(self) -> None:
        from apps.leading_group import module  # noqa: F401  (registers the module and its workflows)
