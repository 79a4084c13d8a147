"""The architecture as tests: the import-linter contracts list every module, and no code
outside a module's folder names it (the registry is the only way in)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from apps.registry.modules import registry

ROOT = Path(__file__).resolve().parent.parent
KERNEL_AND_PLATFORM = [
    "apps/registry", "apps/casework", "apps/documents", "apps/audit", "apps/accounts", "apps/workdays",
    "apps/notifications", "apps/reporting", "apps/provincial", "apps/partners", "apps/calendar", "apps/jobs",
    "tenants", "city_profiles/schema.py", "city_profiles/loader.py", "platform/waiban",
]  # fmt: skip


def real_modules() -> list[str]:
    return [module.id for module in registry if (ROOT / "apps" / module.id / "module.py").exists()]


def contract(contract_id: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def test_every_module_is_forbidden_to_the_kernel_and_independent_of_the_others():
    modules = {f"apps.{module_id}" for module_id in real_modules()}

    assert modules and set(contract("kernel-knows-no-module")["forbidden_modules"]) == modules
    if len(modules) > 1:
        assert set(contract("modules-are-independent")["modules"]) == modules


def _code_lines(path: Path):
    in_docstring = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        quotes = stripped.count('"""')
        if in_docstring or stripped.startswith('"""'):
            if quotes == 1:
                in_docstring = not in_docstring
            continue
        if stripped.startswith("#"):
            continue
        yield number, line.split("  #")[0]


def test_no_kernel_or_platform_code_names_a_module():
    names = "|".join(re.escape(module_id) for module_id in real_modules())
    pattern = re.compile(rf"\b({names})\b")
    found = []
    for place in KERNEL_AND_PLATFORM:
        path = ROOT / place
        files = [path] if path.is_file() else [p for p in path.rglob("*.py") if "migrations" not in p.parts]
        for file in files:
            for number, line in _code_lines(file):
                if pattern.search(line):
                    found.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_import_linter_contracts_hold():
    """The same check as `make lint`, so CI (which runs `make test`) enforces it too."""
    import os
    import subprocess
    import sys

    lint_imports = Path(sys.executable).parent / "lint-imports"
    environment = {**os.environ, "PYTHONPATH": f"{ROOT / 'platform'}{os.pathsep}{ROOT}"}
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
