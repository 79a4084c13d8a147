from django.apps import AppConfig


class FriendshipConfig(AppConfig):
    name = "apps.friendship"
    label = "friendship"
    verbose_name = "People's association for friendship with foreign countries"

    def ready(self) -> None:
        from apps.friendship import module  # noqa: F401  (registers the module)
