"""The decisions of tests/browser/ensure_browser.sh (what `make test` installs before the
browser tests), driven with stub commands first on PATH: id, apt-get, apt-cache, fc-list,
fc-match and the virtualenv's Python (Playwright). The stubs log every call they get."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "browser" / "ensure_browser.sh"

STUBS = {
    "id": 'echo "$STUB_UID"',
    # Like the real one, more output follows the candidate (a long version table).
    "apt-cache": """[ -e "$STUB/lists" ] && echo "  Candidate: 1.0" || echo "  Candidate: (none)"
for _ in $(seq 2000); do echo "     1.0 500 http://deb.debian.org/debian bookworm/main"; done""",
    "apt-get": """echo "apt-get $*" >> "$STUB/calls"
case "$*" in
  *update*) [ -e "$STUB/offline" ] && exit 100; touch "$STUB/lists" ;;
  *install*chromium*) [ -e "$STUB/lists" ] || exit 100; touch "$STUB/chromium"; chmod +x "$STUB/chromium" ;;
  *install*fonts-noto-cjk*) [ -e "$STUB/lists" ] || exit 100; touch "$STUB/font" ;;
esac""",
    "fc-list": '[ -e "$STUB/font" ] && echo "Noto Sans CJK SC"; true',
    "fc-match": 'echo "Noto Sans CJK SC"',
    # The virtualenv's Python: `- <<EOF` asks where Playwright's Chromium is (prints the
    # path when downloaded), `-m playwright install chromium` downloads it (when online).
    "python": """if [ "$1" = "-m" ]; then
  echo "python $*" >> "$STUB/calls"
  [ -e "$STUB/offline" ] && exit 1
  touch "$STUB/bundled"; exit 0
fi
cat >/dev/null
[ -e "$STUB/bundled" ] && echo "$STUB/bundled" || echo ''""",
}


@pytest.fixture
def machine(tmp_path):
    """run(uid=..., has=(...)) -> (exit code, stdout, stderr, calls logged by the stubs)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in STUBS.items():
        stub = bin_dir / name
        stub.write_text(f"#!/bin/bash\n{body}\n")
        stub.chmod(stub.stat().st_mode | stat.S_IEXEC)

    def run(*, uid: int = 0, has: tuple[str, ...] = ()):
        for thing in has:  # chromium, font, bundled, lists, offline
            (tmp_path / thing).touch(mode=0o755)
        environment = {
            "PATH": f"{bin_dir}:/usr/bin:/bin",
            "STUB": str(tmp_path),
            "STUB_UID": str(uid),
            "CHROMIUM": str(tmp_path / "chromium"),
            "PYTHON": str(bin_dir / "python"),
            "TMPDIR": str(tmp_path),
        }
        result = subprocess.run(
            ["bash", str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60
        )
        calls_file = tmp_path / "calls"
        calls = calls_file.read_text().splitlines() if calls_file.exists() else []
        return result.returncode, result.stdout, result.stderr, calls

    return run


def test_nothing_is_called_when_chromium_and_a_cjk_font_are_there(machine):
    code, out, err, calls = machine(uid=0, has=("chromium", "font"))
    assert (code, err, calls) == (0, "", [])
    assert "(installed)" in out
    assert "installing" not in out


def test_playwrights_own_chromium_is_enough(machine):
    code, out, _, calls = machine(uid=1000, has=("bundled", "font"))
    assert (code, calls) == (0, [])
    assert "Playwright's own" in out


def test_root_installs_both_from_debian_without_an_update_when_the_lists_have_them(machine):
    code, out, err, calls = machine(uid=0, has=("lists",))
    assert code == 0, err
    assert calls == [
        "apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium",
        "apt-get -o DPkg::Lock::Timeout=300 install -y -qq fonts-noto-cjk",
    ]
    assert "installing Debian's chromium" in out
    assert "installing Debian's fonts-noto-cjk" in out


def test_root_updates_the_package_lists_first_only_when_needed(machine):
    code, _, err, calls = machine(uid=0)
    assert code == 0, err
    assert calls == [
        "apt-get -o DPkg::Lock::Timeout=300 update -qq",
        "apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium",
        "apt-get -o DPkg::Lock::Timeout=300 install -y -qq fonts-noto-cjk",
    ]


def test_without_root_playwright_downloads_chromium_and_the_missing_font_is_one_line(machine):
    code, out, err, calls = machine(uid=1000)
    assert code == 1
    assert calls == ["python -m playwright install chromium"]
    assert "Playwright's own" in out
    assert err.count("\n") == 1
    assert "apt-get install fonts-noto-cjk" in err


def test_without_root_and_without_network_it_stops_with_one_line_naming_what_to_install(machine):
    code, _, err, calls = machine(uid=1000, has=("offline", "font"))
    assert code == 1
    assert not any(call.startswith("apt-get") for call in calls)
    assert err.count("\n") == 1
    assert "apt-get install chromium" in err
    assert "playwright install chromium" in err


def test_root_without_network_falls_back_to_playwright_then_stops_with_one_line(machine):
    code, _, err, calls = machine(uid=0, has=("offline",))
    assert code == 1
    assert calls[0] == "apt-get -o DPkg::Lock::Timeout=300 update -qq"
    assert calls[-1] == "python -m playwright install chromium"
    assert err.count("\n") == 1
    assert "apt-get install chromium" in err


def test_make_test_runs_it_before_the_tests():
    makefile = (SCRIPT.parents[2] / "Makefile").read_text()
    assert "test: setup browser-deps" in makefile
    assert "tests/browser/ensure_browser.sh" in makefile
    assert os.access(SCRIPT, os.X_OK)
