"""Where a problem is in a profile's text: each path (``modules.trips.settings.max_members``,
``approval_chains.trip.steps[1]``) mapped to its line, from the YAML's node marks.

The editor on the operators' site and the API report each problem of the loader (the same
checks as ``manage.py check_profiles``) with the line it is on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from city_profiles.loader import Problem, parse_yaml, validate_city_data, validate_province_data


@dataclass(frozen=True)
class LocatedProblem:
    path: str
    message: str
    line: int | None

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message}


def line_map(text: str) -> dict[str, int]:
    """{path: 1-based line} for every key and list item of the text (empty if unreadable)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{path}.{key.value}" if path else str(key.value)
                lines[name] = key.start_mark.line + 1
                walk(value, name)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                name = f"{path}[{index}]"
                lines[name] = item.start_mark.line + 1
                walk(item, name)

    if root is not None:
        walk(root, "")
    return lines


def line_of(path: str, lines: dict[str, int]) -> int | None:
    """The line of ``path``, or of its nearest present ancestor (a missing key's parent)."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _yaml_line(problem: Problem) -> int | None:
    # parse_yaml reports unreadable YAML at "line N, column M".
    if problem.path.startswith("line "):
        try:
            return int(problem.path.split(",")[0].split()[1])
        except (IndexError, ValueError):
            return None
    return None


def check_text(kind: str, text: str, name: str = "editor") -> tuple[dict | None, list[LocatedProblem]]:
    """The profile in ``text`` validated as a ``kind`` ("city" | "province") profile, and
    every problem with its path and line. ``data`` is None when the YAML is unreadable."""
    data, problems = parse_yaml(name, text)
    if data is None:
        return None, [
            LocatedProblem(path="", message=problem.message, line=_yaml_line(problem)) for problem in problems
        ]
    validate = validate_city_data if kind == "city" else validate_province_data
    return data, locate(validate(name, data), text)


def locate(problems: list[Problem], text: str) -> list[LocatedProblem]:
    lines = line_map(text)
    return [
        LocatedProblem(path=problem.path, message=problem.message, line=line_of(problem.path, lines))
        for problem in problems
    ]
