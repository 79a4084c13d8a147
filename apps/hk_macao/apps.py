from django.apps import AppConfig


class HkMacaoConfig(AppConfig):
    name = "apps.hk_macao"
    label = "hk_macao"
    verbose_name = "Hong Kong and Macao liaison"

    def ready(self) -> None:
        from apps.hk_macao import module  # noqa: F401  (registers the module and its workflow)
