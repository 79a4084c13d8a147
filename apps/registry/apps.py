from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class RegistryConfig(AppConfig):
    name = "apps.registry"
    label = "registry"
    verbose_name = "Module registry"

    def ready(self) -> None:
        # Each installed app's module.py registers its module on import.
        autodiscover_modules("module")
