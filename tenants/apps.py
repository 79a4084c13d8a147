from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Cities, provinces and domains"

    def ready(self):
        from tenants import routing_table  # noqa: F401  (connects its signals)
