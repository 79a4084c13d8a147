from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class RegistryConfig(AppConfig):
    name = "apps.registry"
    label = "registry"
    verbose_name = "Module registry"

    def ready(self) -> None:
        # Each installed app's module.py registers its module on import.
        autodiscover_modules("module")
        # Every search column gets its index (apps/registry/search.py).
        from apps.registry import search

        search.index_search_columns()
