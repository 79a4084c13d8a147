"""The profile schema, version 1, as JSON Schema (checked with ``jsonschema``).

Rules that need more than JSON Schema (known modules and their dependencies, module
settings, unique codes, the province a city belongs to, reserved names) are in
``loader.py``. A new schema version adds a new dict here and a branch in the loader.
"""

from __future__ import annotations

from apps.accounts.roles import CITY_ROLES

SCHEMA_VERSION = 1

CODE = {"type": "string", "pattern": "^[a-z][a-z0-9_]{1,30}$"}
DNS_LABEL = {"type": "string", "pattern": "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"}
TEXT = {"type": "string", "minLength": 1, "maxLength": 200}
BILINGUAL = {
    "type": "object",
    "properties": {"zh": TEXT, "en": TEXT},
    "required": ["zh", "en"],
    "additionalProperties": False,
}
LANGUAGES = {
    "type": "array",
    "items": {"enum": ["zh-hans", "en"]},
    "minItems": 1,
    "uniqueItems": True,
}
PHONE = {"type": "string", "pattern": r"^\+?[0-9][0-9 ()-]{4,30}$"}
CONTACT = {
    "type": "object",
    "properties": {
        "address": BILINGUAL,
        "postcode": {"type": "string", "pattern": "^[0-9]{6}$"},
        "telephone": PHONE,
        "fax": PHONE,
        "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"},
        "website": {"type": "string", "pattern": r"^https?://\S+$"},
    },
    "required": ["address", "telephone"],
    "additionalProperties": False,
}
NAMED_CODE_LIST = {
    "type": "array",
    "items": {
        "type": "object",
        # ``retired``: kept for the records that name it, no longer offered for new ones.
        "properties": {"code": CODE, "names": BILINGUAL, "retired": {"type": "boolean"}},
        "required": ["code", "names"],
        "additionalProperties": False,
    },
}
UNIT = {
    "type": "object",
    "properties": {
        "code": CODE,
        "kind": {"enum": ["district", "county", "county_city", "department"]},
        "names": BILINGUAL,
        "retired": {"type": "boolean"},
    },
    "required": ["code", "kind", "names"],
    "additionalProperties": False,
}
NUMBERING = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "prefix": {"type": "string", "minLength": 1, "maxLength": 20},
            "template": {"type": "string", "pattern": r"\{number\}"},
        },
        "required": ["prefix", "template"],
        "additionalProperties": False,
    },
}
APPROVER = {"enum": [role for role in CITY_ROLES if role != "submitter"]}
# When a step applies, or when a case goes up to the province. Which keys a condition may
# use depends on the chain (the facts its module declares): the loader checks them against
# ``apps.casework.chains.condition_schema``.
CONDITION = {"type": "object", "minProperties": 1}
APPROVAL_STEP = {
    "anyOf": [
        APPROVER,
        {
            "type": "object",
            "properties": {"role": APPROVER, "when": CONDITION},
            "required": ["role", "when"],
            "additionalProperties": False,
        },
    ]
}
APPROVAL_CHAINS = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "steps": {"type": "array", "items": APPROVAL_STEP, "minItems": 1},
            "escalate_to_province": CONDITION,
        },
        "required": ["steps"],
        "additionalProperties": False,
    },
}


def _security(roles: list[str]) -> dict:
    """Which roles sign in with a one-time code after their password (two-factor sign-in,
    apps.accounts.two_factor)."""
    return {
        "type": "object",
        "properties": {"two_factor_roles": {"type": "array", "items": {"enum": roles}, "uniqueItems": True}},
        "additionalProperties": False,
    }


_COMMON = {
    "schema_version": {"const": SCHEMA_VERSION},
    "code": CODE,
    "subdomain": DNS_LABEL,
    "names": BILINGUAL,
    "short_names": BILINGUAL,
    "time_zone": {"type": "string"},
    "languages": LANGUAGES,
    "contact": CONTACT,
}

CITY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "waiban city office profile",
    "type": "object",
    "properties": {
        **_COMMON,
        "province": CODE,
        "city_names": BILINGUAL,
        "divisions": NAMED_CODE_LIST,
        "submitting_units": {"type": "array", "items": UNIT},
        "numbering": NUMBERING,
        "approval_chains": APPROVAL_CHAINS,
        "modules": {"type": "object", "additionalProperties": {"type": "object"}},
        "security": _security(list(CITY_ROLES)),
        # What the office administrator may change on the city host: with ``units_live``,
        # submitting units and divisions change at once; else an operator approves.
        "administration": {
            "type": "object",
            "properties": {"units_live": {"type": "boolean", "default": False}},
            "additionalProperties": False,
        },
    },
    "required": [
        "schema_version",
        "code",
        "subdomain",
        "province",
        "names",
        "city_names",
        "time_zone",
        "languages",
        "contact",
        "modules",
    ],
    "additionalProperties": False,
}

PROVINCE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "waiban provincial FAO profile",
    "type": "object",
    "properties": {
        **_COMMON,
        "province_names": BILINGUAL,
        # Settings of modules for the province's cities (each module's settings schema).
        "module_defaults": {"type": "object", "additionalProperties": {"type": "object"}},
        "security": _security(["province_reviewer"]),
    },
    "required": [
        "schema_version",
        "code",
        "subdomain",
        "names",
        "province_names",
        "time_zone",
        "languages",
        "contact",
    ],
    "additionalProperties": False,
}
