from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "apps.invitations"
    label = "invitations"
    verbose_name = "Invitations of foreigners to China"

    def ready(self) -> None:
        from apps.invitations import module  # noqa: F401  (registers the module and its workflow)
