"""Feature modules and the registry that knows them.

A feature module (outbound trips, invitations, overseas Chinese affairs, ...) lives in
``apps/<id>/`` and declares itself in ``apps/<id>/module.py``::

    from apps.registry.modules import Module, Reminder, registry

    @registry.register
    class TripsModule(Module):
        id = "trips"                      # = app label = key under ``modules:`` in profiles
        names = {"zh": "因公出国（境）", "en": "Official trips abroad"}
        web_urls = "apps.trips.urls"      # mounted at /trips/ on every city host
        api_urls = "apps.trips.api_urls"  # mounted at /api/v1/trips/
        permissions = {"trips.submit": {"zh": "提交出访申请", "en": "Submit trips"}}
        role_grants = {"clerk": ["trips.submit"]}
        settings_schema = {"type": "object", "properties": {...}}
        requires = ("casework",)

        def due_reminders(self, today):   # called by `manage.py send_reminders` once a day
            for trip in selectors.trips_due_back(today):   # in the current city's schema
                yield Reminder(
                    recipients=[trip.clerk], kind="trips.report_due",
                    subject=f"出访报告即将到期：{trip.number}", body="...", url=trip.url,
                    about=trip, dedupe_key=f"trips.report_due:{trip.pk}:{today}",
                )

Every city schema has every module's tables; the city's profile decides at request time
which modules are reachable (``enabled_module_ids``). A module that is off answers 404
(``apps.registry.gating``), is absent from menus and from the city's OpenAPI document,
and its ``due_reminders`` is not called for that city.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from apps.registry.i18n import label

MODULE_ID_PATTERN = r"^[a-z][a-z0-9_]{1,30}$"


@dataclass(frozen=True)
class Reminder:
    """One reminder a module wants sent today; the runner passes it to
    ``apps.notifications.services.notify`` (same fields). ``dedupe_key`` should name the
    object and the day, so a second run on the same day sends nothing new."""

    recipients: Iterable[Any]  # users of the current city, e.g. notify's recipients_with_role("clerk")
    kind: str
    subject: str
    body: str
    url: str = ""
    about: Any = None  # a model instance or ("app_label.model", id)
    dedupe_key: str = ""


class Module:
    """Base class of every feature module. Subclasses set the class attributes."""

    id: ClassVar[str]
    names: ClassVar[dict[str, str]]
    web_urls: ClassVar[str | None] = None
    api_urls: ClassVar[str | None] = None
    permissions: ClassVar[dict[str, dict[str, str]]] = {}
    role_grants: ClassVar[dict[str, list[str]]] = {}
    settings_schema: ClassVar[dict[str, Any]] = {"type": "object"}
    requires: ClassVar[tuple[str, ...]] = ()
    menu_url_name: ClassVar[str | None] = None  # e.g. "trips:list"
    # Keys of the profile's ``approval_chains`` this module's workflows need.
    approval_chains: ClassVar[tuple[str, ...]] = ()

    @property
    def name(self) -> str:
        """The module's name in the active language."""
        return label(self.names, self.id)

    def due_reminders(self, today: date) -> Iterable[Reminder]:
        """The reminders due on ``today`` in the current city (the connection's schema).

        Called once per run of ``manage.py send_reminders`` for each city whose profile
        switches the module on, inside that city's transaction. None by default."""
        return ()

    def __repr__(self) -> str:
        return f"<Module {self.id}>"


class RegistryError(Exception):
    pass


class ModuleRegistry:
    def __init__(self) -> None:
        self._modules: dict[str, Module] = {}

    def register(self, module_class: type[Module]) -> type[Module]:
        """Class decorator: validates the declaration and registers one instance."""
        if not (isinstance(module_class, type) and issubclass(module_class, Module)):
            raise RegistryError(f"{module_class!r} is not a Module subclass")
        import re

        module_id = getattr(module_class, "id", None)
        if not isinstance(module_id, str) or not re.match(MODULE_ID_PATTERN, module_id):
            raise RegistryError(f"{module_class.__name__}.id must match {MODULE_ID_PATTERN}")
        if module_id in self._modules:
            raise RegistryError(f"module {module_id!r} is registered twice")
        names = getattr(module_class, "names", None)
        if not isinstance(names, dict) or not {"zh", "en"} <= set(names):
            raise RegistryError(f"{module_class.__name__}.names needs 'zh' and 'en'")
        for role, perms in module_class.role_grants.items():
            unknown = set(perms) - set(module_class.permissions)
            if unknown:
                raise RegistryError(
                    f"{module_class.__name__}.role_grants[{role!r}] names undeclared "
                    f"permissions {sorted(unknown)}"
                )
        self._modules[module_id] = module_class()
        return module_class

    def unregister(self, module_id: str) -> None:
        self._modules.pop(module_id, None)

    def get(self, module_id: str) -> Module | None:
        return self._modules.get(module_id)

    def __contains__(self, module_id: object) -> bool:
        return module_id in self._modules

    def __iter__(self) -> Iterator[Module]:
        return iter(sorted(self._modules.values(), key=lambda module: module.id))

    def ids(self) -> list[str]:
        return sorted(self._modules)

    def iter_enabled(self, profile: dict[str, Any] | None) -> Iterator[Module]:
        """The registered modules a profile switches on, in a stable order."""
        enabled = enabled_module_ids(profile)
        return (module for module in self if module.id in enabled)

    def missing_requirements(self, module_ids: Iterable[str]) -> dict[str, list[str]]:
        """For each module in ``module_ids``, the modules it requires that are not there."""
        chosen = set(module_ids)
        missing = {}
        for module_id in sorted(chosen):
            module = self.get(module_id)
            if module is None:
                continue
            absent = [required for required in module.requires if required not in chosen]
            if absent:
                missing[module_id] = absent
        return missing


def enabled_module_ids(profile: dict[str, Any] | None) -> set[str]:
    """The module ids a stored profile switches on (keys of its ``modules`` section)."""
    if not profile:
        return set()
    return set((profile.get("modules") or {}).keys())


registry = ModuleRegistry()
