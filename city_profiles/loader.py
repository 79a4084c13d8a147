"""Loads and validates office profiles. Nothing is written here.

Every problem is reported, each as one line naming the file and the path inside it::

    city_profiles/cities/hangzhou.yaml: modules.nosuch: unknown module 'nosuch'

``load_city``/``load_province`` check one file on its own; ``load_all`` also checks the
files against each other (unique codes and subdomains, a city's province exists).
Onboarding (``tenants.services``) adds the checks against the database.
"""

from __future__ import annotations

import hashlib
import json
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from city_profiles import CITIES_DIR, PROFILES_DIR, PROVINCES_DIR
from city_profiles.schema import CITY_SCHEMA, PROVINCE_SCHEMA, SCHEMA_VERSION

# Names a city code (= its schema name) or a subdomain may not take.
RESERVED_CODES = {"public", "city_template", "information_schema", "pg_catalog", "pg_toast"}
RESERVED_SUBDOMAINS = {"www", "api", "admin", "static", "media", "mail", "platform", "ops"}


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '(top)'}: {self.message}"


class ProfileError(Exception):
    """One or more problems; ``str()`` gives one line per problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Profile:
    kind: str  # "city" | "province"
    file: str
    data: dict[str, Any] = field(repr=False)
    # The YAML as submitted (a file's or an editor's text), kept with each applied version.
    text: str = field(default="", repr=False, compare=False)

    @property
    def code(self) -> str:
        return self.data["code"]

    @property
    def subdomain(self) -> str:
        return self.data["subdomain"]

    @property
    def sha256(self) -> str:
        canonical = json.dumps(self.data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def display_path(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(PROFILES_DIR.parent))
    except ValueError:
        return str(path)


def _json_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path | str) -> tuple[dict[str, Any] | None, list[Problem]]:
    name = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(name, "", "file not found")]
    except UnicodeDecodeError:
        return None, [Problem(name, "", "not UTF-8 text")]
    return parse_yaml(name, text)


def parse_yaml(name: str, text: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The profile in ``text`` (a file's or an editor's), or the problems reading it."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(name, where, f"not valid YAML: {reason}")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "a profile must be a mapping of keys to values")]
    return as_json(data), []


def as_json(value: Any) -> Any:
    """The profile as it is stored (JSON): mapping keys become strings, dates ISO text."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _schema_problems(name: str, data: dict[str, Any], schema: dict) -> list[Problem]:
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        return [
            Problem(
                name,
                "schema_version",
                f"unsupported schema version {version!r} (this platform reads {SCHEMA_VERSION})",
            )
        ]
    validator = Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        problems.append(Problem(name, _json_path(error.path), _message(error)))
    return problems


def _message(error) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return "unknown key(s): " + ", ".join(repr(key) for key in extra)
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "pattern":
        return f"{error.instance!r} is malformed (expected pattern {error.validator_value})"
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return f"{error.instance!r} is not one of: {allowed}"
    if error.validator == "type":
        return f"expected {error.validator_value}, got {type(error.instance).__name__}"
    if error.validator == "anyOf" and error.context:
        # e.g. an approval step: name the closest alternative's problem (an unknown role)
        # rather than "is not valid under any of the given schemas".
        same_type = [sub for sub in error.context if sub.validator != "type"]
        return _message((same_type or error.context)[0])
    return error.message


def _common_problems(name: str, data: dict[str, Any]) -> list[Problem]:
    problems = []
    code = data.get("code")
    if isinstance(code, str) and (code in RESERVED_CODES or code.startswith("pg_")):
        problems.append(Problem(name, "code", f"{code!r} is reserved; choose another code"))
    subdomain = data.get("subdomain")
    if isinstance(subdomain, str) and subdomain in RESERVED_SUBDOMAINS:
        problems.append(Problem(name, "subdomain", f"{subdomain!r} is reserved"))
    time_zone = data.get("time_zone")
    if isinstance(time_zone, str):
        try:
            zoneinfo.ZoneInfo(time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problems.append(Problem(name, "time_zone", f"unknown time zone {time_zone!r}"))
    return problems


def _unique_codes(name: str, data: dict[str, Any], key: str) -> list[Problem]:
    items = data.get(key)
    if not isinstance(items, list):
        return []  # the schema already reports the wrong type
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(items):
        code = item.get("code") if isinstance(item, dict) else None
        if code in seen:
            problems.append(Problem(name, f"{key}[{index}].code", f"duplicate code {code!r}"))
        seen.add(code)
    return problems


def _module_problems(name: str, modules: Any, section: str = "modules") -> list[Problem]:
    """Each module named exists and its settings fit the module's settings schema."""
    from apps.registry.modules import registry

    if not isinstance(modules, dict):
        return []
    problems = []
    for module_id, settings in modules.items():
        module = registry.get(module_id)
        if module is None:
            known = ", ".join(registry.ids()) or "none yet"
            problems.append(
                Problem(name, f"{section}.{module_id}", f"unknown module {module_id!r} (known: {known})")
            )
            continue
        if settings is not None and not isinstance(settings, dict):
            continue  # the profile schema already reports the wrong type
        validator = Draft202012Validator(module.settings_schema)
        for error in validator.iter_errors(settings or {}):
            where = _json_path([section, module_id, *error.path])
            problems.append(Problem(name, where, _message(error)))
    if section != "modules":
        return problems
    for module_id, absent in registry.missing_requirements(modules).items():
        problems.append(
            Problem(
                name,
                f"modules.{module_id}",
                f"module {module_id!r} requires {', '.join(map(repr, absent))}, which is not enabled",
            )
        )
    return problems


def _chain_problems(name: str, data: dict[str, Any]) -> list[Problem]:
    """An enabled module's workflows need their approval chains in the profile."""
    from apps.registry.modules import registry

    modules, chains = data.get("modules"), data.get("approval_chains") or {}
    if not isinstance(modules, dict) or not isinstance(chains, dict):
        return []
    problems = []
    for module_id in modules:
        module = registry.get(module_id)
        for key in module.approval_chains if module else ():
            if key not in chains:
                problems.append(
                    Problem(name, f"approval_chains.{key}", f"required by module {module_id!r}, missing")
                )
    for key, definition in chains.items():
        problems += _condition_problems(name, key, definition)
    return problems


def _condition_problems(name: str, key: str, definition: Any) -> list[Problem]:
    """A chain's conditions use only the facts its module declares, with values of the
    fact's type."""
    from apps.casework.chains import condition_schema
    from apps.registry.modules import registry

    if registry.module_for_chain(key) is None:
        used = sorted(chain for module in registry for chain in module.approval_chains)
        return [
            Problem(name, f"approval_chains.{key}", f"no module uses this chain (known: {', '.join(used)})")
        ]
    if not isinstance(definition, dict):
        return []
    validator = Draft202012Validator(condition_schema(key))
    places = [(["escalate_to_province"], definition.get("escalate_to_province"))]
    for index, step in enumerate(definition.get("steps") or []):
        if isinstance(step, dict):
            places.append((["steps", index, "when"], step.get("when")))
    problems = []
    for where, condition in places:
        if not isinstance(condition, dict):
            continue
        for error in validator.iter_errors(condition):
            path = _json_path(["approval_chains", key, *where, *error.path])
            problems.append(Problem(name, path, _message(error)))
    return problems


def validate_city_data(name: str, data: dict[str, Any]) -> list[Problem]:
    problems = _schema_problems(name, data, CITY_SCHEMA)
    if problems and problems[0].path == "schema_version":
        return problems
    problems += _common_problems(name, data)
    problems += _unique_codes(name, data, "divisions")
    problems += _unique_codes(name, data, "submitting_units")
    problems += _module_problems(name, data.get("modules"))
    problems += _chain_problems(name, data)
    return problems


def validate_province_data(name: str, data: dict[str, Any]) -> list[Problem]:
    problems = _schema_problems(name, data, PROVINCE_SCHEMA)
    if problems and problems[0].path == "schema_version":
        return problems
    problems += _common_problems(name, data)
    return problems + _module_problems(name, data.get("module_defaults"), section="module_defaults")


def _load(path: Path | str, kind: str) -> Profile:
    name = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        text = ""
    data, problems = read_yaml(path)
    if data is not None:
        validate = validate_city_data if kind == "city" else validate_province_data
        problems = validate(name, data)
    if problems:
        raise ProfileError(problems)
    return Profile(kind=kind, file=name, data=data, text=text)


def load_city(path: Path | str) -> Profile:
    return _load(path, "city")


def load_province(path: Path | str) -> Profile:
    return _load(path, "province")


def cross_check(profiles: list[Profile]) -> list[Problem]:
    """Problems between files: duplicate codes or subdomains, a city's unknown province."""
    problems = []
    owners: dict[tuple[str, str], str] = {}
    for profile in profiles:
        for key in ("code", "subdomain"):
            value = profile.data[key]
            # A province and a city may not share a subdomain; codes are per kind.
            scope = "subdomain" if key == "subdomain" else f"{profile.kind}-code"
            other = owners.get((scope, value))
            if other is not None:
                problems.append(Problem(profile.file, key, f"duplicate {key} {value!r} (also in {other})"))
            else:
                owners[(scope, value)] = profile.file
    province_codes = {profile.code for profile in profiles if profile.kind == "province"}
    for profile in profiles:
        if profile.kind == "city" and profile.data["province"] not in province_codes:
            problems.append(
                Problem(profile.file, "province", f"unknown province {profile.data['province']!r}")
            )
    return problems


def load_all(
    cities_dir: Path = CITIES_DIR, provinces_dir: Path = PROVINCES_DIR
) -> tuple[list[Profile], list[Profile]]:
    """All provinces and cities, validated alone and together; raises with every problem."""
    provinces, cities, problems = [], [], []
    for directory, kind, target in (
        (provinces_dir, "province", provinces),
        (cities_dir, "city", cities),
    ):
        for path in sorted(Path(directory).glob("*.yaml")):
            try:
                target.append(_load(path, kind))
            except ProfileError as error:
                problems += error.problems
    problems += cross_check(provinces + cities)
    if problems:
        raise ProfileError(problems)
    return provinces, cities
