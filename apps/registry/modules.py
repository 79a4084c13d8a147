"""Feature modules and the registry that knows them.

A feature module (outbound trips, invitations, overseas Chinese affairs, ...) is one folder
``apps/<id>/`` that declares everything the platform needs in ``apps/<id>/module.py``::

    from apps.registry.modules import Fact, Figure, Module, registry

    @registry.register
    class TripsModule(Module):
        id = "trips"                      # = app label = key under ``modules:`` in profiles
        names = {"zh": "因公出国（境）", "en": "Official trips abroad"}
        web_urls = "apps.trips.urls"      # mounted at /trips/ on every city host
        api_urls = "apps.trips.api_urls"  # mounted at /api/v1/trips/
        permissions = {"trips.submit": {"zh": "提交出访申请", "en": "Submit trips"}}
        role_grants = {"clerk": ["trips.submit"]}
        # The profile's ``modules.trips`` section (a province's ``module_defaults.trips``
        # sets defaults its cities inherit); each property's "default" applies when neither
        # sets it. Read with ``apps.registry.settings.module_settings("trips")``.
        settings_schema = {"type": "object", "properties": {"max_members": {"type": "integer",
                           "minimum": 1, "default": 6}}, "additionalProperties": False}
        approval_chains = ("trip",)
        # What approval-chain conditions may test, per chain: ``min_rank``, ``destinations_any``...
        chain_facts = {"trip": {"rank": Fact("rank", {...}), "destinations": Fact("codes", {...})}}
        # What the province sees of the module (its dashboard and report are built from these).
        figures = (Figure("trips.delegations", {"zh": "团组数", "en": "Delegations"}), ...)

        def escalation_summary(self, case): ...   # apps.casework.summary.Summary(...).as_json()
        def ensure_demo(self): ...                # demo data, in the city's schema
        def due_reminders(self, today): ...       # once a day, in the city's schema

Every city schema has every module's tables; the city's profile decides at request time
which modules are reachable (``enabled_module_ids``). A module that is off answers 404
(``apps.registry.gating``), is absent from menus, from the city's OpenAPI document and from
the province's figures for that city, and none of its hooks runs for that city.
Nothing outside a module's folder names it: the engine, the portal, onboarding and the
profile schema ask this registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from apps.registry.i18n import label

MODULE_ID_PATTERN = r"^[a-z][a-z0-9_]{1,30}$"
FACT_TYPES = ("rank", "number", "codes", "boolean")
BREAKDOWNS = ("", "country", "unit_kind", "choice", "rule")


@dataclass(frozen=True)
class Fact:
    """A fact of a case that approval-chain conditions may test.

    The condition keys follow from the type: ``rank`` -> ``min_<name>`` (that rank or
    above), ``number`` -> ``min_<name>`` (at least), ``codes`` -> ``<name>_any`` (one of
    the listed codes is among the case's), ``boolean`` -> ``<name>`` (true or false)."""

    type: str
    names: dict[str, str]
    # For ``codes``: the JSON Schema of one code (e.g. an ISO country code's pattern).
    item_schema: dict[str, Any] | None = None

    def condition_key(self, name: str) -> str:
        if self.type in ("rank", "number"):
            return f"min_{name}"
        if self.type == "codes":
            return f"{name}_any"
        return name


@dataclass(frozen=True)
class Figure:
    """A figure a module reports to the province: counted as cases change
    (``apps.reporting.figures.count``) or, with ``snapshot``, set to today's value
    (``set_figure``; the province shows each city's latest, never a sum over months).

    ``breakdown`` names what the figure's keys are, so the portal can label them:
    "" (no key: one total), "country" (ISO codes), "unit_kind", "rule" (with ``choices``)
    or "choice" (keys labelled by ``choices``)."""

    metric: str
    names: dict[str, str]
    breakdown: str = ""
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    snapshot: bool = False
    # Shown as a headline number on the province's dashboard.
    headline: bool = False
    # A column of the by-city table and report (default: figures without a breakdown).
    per_city: bool | None = None

    @property
    def in_city_table(self) -> bool:
        return (not self.breakdown) if self.per_city is None else self.per_city

    @property
    def name(self) -> str:
        return label(self.names, self.metric)

    def key_label(self, key: str) -> str:
        if self.breakdown == "country":
            from apps.registry import countries

            return countries.name(key)
        if self.breakdown == "unit_kind":
            from apps.registry.units import unit_kind_label

            return unit_kind_label(key)
        return label(self.choices.get(key, {}), key)


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


@dataclass(frozen=True)
class CalendarEntry:
    """One item on the office's foreign-affairs calendar, as a module reports it (see
    ``Module.calendar_entries``). Holds no passport numbers or birth dates: it goes into ICS
    feeds. ``people`` are the office's users involved (leaders, staff, interpreters), by
    user id; ``division`` is the office's division in charge (a unit code) when known."""

    uid: str  # stable across calls, unique in the city: "<module>:<model>:<pk>[:<part>]"
    kind: str  # e.g. "reception_item", "trip_departure"; labelled by ``kind_names``
    title: str
    start: Any  # a timezone-aware datetime, or a date for an all-day entry
    end: Any = None  # datetime/date (exclusive for dates); None = same as start
    location: str = ""
    description: str = ""
    url: str = ""  # path on the city host
    people: tuple[int, ...] = ()
    division: str = ""
    resources: tuple[str, ...] = ()  # e.g. "venue:<code>", "interpreter:<user id>": conflicts


@dataclass(frozen=True)
class ProgrammeGuest:
    """A guest of an event another module plans a programme for (see ``ProgrammeRequest``)."""

    name: str
    country: str = ""  # ISO code
    title: str = ""  # title and organisation
    rank: str = ""  # a kernel rank (apps.registry.ranks), the level the guest is received at


@dataclass(frozen=True)
class ProgrammeRequest:
    """An event (e.g. an approved conference) asking for a protocol programme: its VIP guests
    received, seated and looked after by whichever module plans programmes
    (``Module.plan_programme``)."""

    title: str
    purpose: str
    start: date
    end: date
    unit_code: str = ""
    guests: tuple[ProgrammeGuest, ...] = ()
    source_url: str = ""  # the event's page on the city host


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
    # {chain key: {fact name: Fact}}: what those chains' conditions may test.
    chain_facts: ClassVar[dict[str, dict[str, Fact]]] = {}
    figures: ClassVar[tuple[Figure, ...]] = ()
    # Who sees the module's figures on the office's home page (a permission of the module;
    # unit-bound submitters hold none, so office-wide numbers stay with the office).
    figures_permission: ClassVar[str] = ""
    # {action code: {"zh", "en"}}: the audit log names and filters these actions so
    # (casework's ``<workflow>.<transition>`` are named from the workflow already).
    audit_actions: ClassVar[dict[str, dict[str, str]]] = {}
    # {object type ("app_label.model"): permission}: records only that permission may know
    # of; the audit log shows its rows about them only to readers holding it.
    restricted_objects: ClassVar[dict[str, str]] = {}
    # {subject type ("app_label.model"): permission}: documents and attachments about these
    # records (personal evidence, certificates) are read through /documents/ only with it.
    private_documents: ClassVar[dict[str, str]] = {}

    @property
    def name(self) -> str:
        """The module's name in the active language."""
        return label(self.names, self.id)

    def escalation_summary(self, case) -> dict[str, Any]:
        """What the provincial FAO sees of ``case`` when it goes up: a
        ``apps.casework.summary.Summary(...).as_json()``, bilingual, stored with the
        escalation (the portal never reads the city's schema). Called in the city's schema."""
        return {}

    def ensure_demo(self) -> list[str]:
        """Creates this module's demo data in the current city (idempotent); returns what
        it did, one line each. Called by ``setup_platform --demo`` for every city whose
        profile switches the module on."""
        return []

    def waiting_queries(self, actor) -> list:
        """What this module asks of ``actor``, as ``apps.casework.selectors.WaitingQuery``
        rows (one query per kind of task): the preferred way to declare it, since the header's
        badge then counts in SQL and ``waiting_for`` lists the rows. Called in the city's schema."""
        return []

    def waiting_for(self, actor) -> list:
        """What this module asks of ``actor`` now, beyond decisions at their approval step
        (which the engine lists itself): ``apps.casework.selectors.WaitingItem`` rows for the
        user's "waiting for me" page. Called in the city's schema; by default the rows of
        ``waiting_queries``."""
        return [item for query in self.waiting_queries(actor) for item in query.items()]

    def waiting_count(self, actor) -> int:
        """How many rows ``waiting_for`` lists: the header's badge, on every page; counted in
        SQL when the module declares ``waiting_queries``."""
        queries = self.waiting_queries(actor)
        if queries:
            return sum(query.count() for query in queries)
        return len(self.waiting_for(actor))

    # {entry kind: {"zh", "en"}}: names of the CalendarEntry kinds this module reports.
    calendar_kinds: ClassVar[dict[str, dict[str, str]]] = {}

    def calendar_entries(self, start: date, end: date, actor=None) -> Iterable[CalendarEntry]:
        """This module's items on the foreign-affairs calendar between ``start`` and ``end``
        (dates, end exclusive) in the current city, as ``actor`` may see them (None: all, for
        feeds and conflict checks). None by default."""
        return ()

    def people_lookup(self, actor, q: str) -> list[dict[str, str]]:
        """People this module knows (e.g. a register of visitors) matching ``q``, as
        ``actor`` may see them, for another module to copy (a reception's guests): dicts
        with ``ref`` (stable, "<module>:<model>:<pk>"; a ``q`` equal to a ref finds that
        one), ``name_latin``, ``name_zh``, ``title``, ``organisation``, ``country`` (ISO)
        and ``source`` (where it comes from, in the active language). Never passport
        numbers or birth dates. Called in the city's schema; none by default."""
        return []

    # True for a module that plans protocol programmes for other modules' events.
    plans_programmes: ClassVar[bool] = False

    def plan_programme(self, actor, request: ProgrammeRequest) -> str:
        """Creates a draft programme for ``request`` as ``actor`` (who must be allowed to),
        in the current city; returns its page's path. Only where ``plans_programmes``."""
        raise NotImplementedError

    def figure(self, metric: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.metric == metric), None)

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
        for figure in module_class.figures:
            if not figure.metric.startswith(f"{module_id}."):
                raise RegistryError(
                    f"{module_class.__name__}: figure {figure.metric!r} must start with '{module_id}.'"
                )
            if figure.breakdown not in BREAKDOWNS:
                raise RegistryError(
                    f"{module_class.__name__}: figure {figure.metric!r} has unknown breakdown"
                )
        if (
            module_class.figures_permission
            and module_class.figures_permission not in module_class.permissions
        ):
            raise RegistryError(f"{module_class.__name__}.figures_permission is not one of its permissions")
        for chain_key, facts in module_class.chain_facts.items():
            if chain_key not in module_class.approval_chains:
                raise RegistryError(
                    f"{module_class.__name__}.chain_facts names undeclared chain {chain_key!r}"
                )
            for fact in facts.values():
                if fact.type not in FACT_TYPES:
                    raise RegistryError(f"{module_class.__name__}: unknown fact type {fact.type!r}")
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

    def module_for_chain(self, chain_key: str) -> Module | None:
        """The module whose workflows use the profile's ``approval_chains.<chain_key>``."""
        return next((module for module in self if chain_key in module.approval_chains), None)

    def module_for_metric(self, metric: str) -> Module | None:
        return self.get(metric.split(".", 1)[0])

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


def people_lookup(actor, q: str, *, limit: int = 20) -> list[dict[str, str]]:
    """``Module.people_lookup`` of every module the current city switches on, together."""
    from django.db import connection

    q = (q or "").strip()
    if not q:
        return []
    found: list[dict[str, str]] = []
    for module in registry.iter_enabled(getattr(connection.tenant, "profile", None)):
        found.extend(module.people_lookup(actor, q)[: limit - len(found)])
        if len(found) >= limit:
            break
    return found


def programme_planner(profile: dict[str, Any] | None) -> Module | None:
    """The switched-on module that plans protocol programmes for events, if any."""
    return next((module for module in registry.iter_enabled(profile) if module.plans_programmes), None)


def enabled_module_ids(profile: dict[str, Any] | None) -> set[str]:
    """The module ids a stored profile switches on (keys of its ``modules`` section)."""
    if not profile:
        return set()
    return set((profile.get("modules") or {}).keys())


registry = ModuleRegistry()
