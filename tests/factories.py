"""factory_boy factories. Create city objects inside ``in_city(code)`` (the schema)."""

import factory
from factory.django import DjangoModelFactory

from apps.accounts.models import User

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    role = "clerk"
    display_name = factory.LazyAttribute(lambda user: user.username.title())
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        admin = factory.Trait(role="office_admin")
        auditor = factory.Trait(role="auditor")
        reviewer = factory.Trait(role="reviewer")
        submitter = factory.Trait(role="submitter")
        operator = factory.Trait(role="operator")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save(update_fields=["password"])
