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


class CaseRecordFactory(factory.Factory):
    """Base of the factories of a module's records (``apps.casework.records.CaseRecord``):
    built through the module's services and the engine, never by writing rows, so that a
    record "submitted" or "approved" is exactly what users would have made. Traits name
    the state: ``RecordFactory(submitted=True)``, ``approved``, ``escalated``... A subclass
    implements ``build_through_services(*, users, data, state)``."""

    STATES = ("submitted", "approved", "escalated", "issued", "returned", "rejected")

    class Meta:
        abstract = True

    submitted = False
    approved = False
    escalated = False
    issued = False
    returned = False
    rejected = False

    @classmethod
    def _create(cls, model_class, users=None, data=None, **kwargs):
        state = next((name for name in reversed(cls.STATES) if kwargs.pop(name, False)), "draft")
        if state == "submitted":
            state = "in_review"
        return cls.build_through_services(users=users, data=data, state=state)

    _build = _create

    def __init_subclass__(cls, **kwargs):
        """Each module's factory says how its records are made (refused at definition)."""
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "build_through_services", None)):
            raise TypeError(f"{cls.__name__} must define build_through_services(*, users, data, state)")
