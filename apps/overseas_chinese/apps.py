from django.apps import AppConfig


class OverseasChineseConfig(AppConfig):
    name = "apps.overseas_chinese"
    label = "overseas_chinese"
    verbose_name = "Overseas Chinese affairs"

    def ready(self) -> None:
        from apps.overseas_chinese import module  # noqa: F401  (registers the module and its workflows)
