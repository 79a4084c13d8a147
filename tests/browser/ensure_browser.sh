#!/usr/bin/env bash
# What the browser tests need beyond Python, made sure of by `make test` (target browser-deps):
#   1. a Chromium for Playwright: Debian's /usr/bin/chromium if there, else Playwright's own
#      Chromium if already downloaded; else installed: `apt-get install chromium` as root,
#      otherwise `playwright install chromium` (needs network);
#   2. a CJK font, so screenshots show Chinese (Debian's fonts-noto-cjk, as root).
# Each step says what it does; a satisfied step costs no apt or network call. When a step
# cannot be done, one line names what to install and the script exits 1.
#
# Overridable for tests/test_ensure_browser.py: CHROMIUM (path of Debian's Chromium) and
# PYTHON (the virtualenv's Python, which has Playwright). apt-get, fc-list and id come
# from PATH.
set -uo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PYTHON=${PYTHON:-.venv/bin/python}
LOG=$(mktemp "${TMPDIR:-/tmp}/waiban-browser-deps.XXXXXX")
trap 'rm -f "$LOG"' EXIT

say() { echo "browser-deps: $*"; }
fail() {
  if [ -s "$LOG" ]; then
    trap - EXIT
    echo "browser-deps: $* (details: $LOG)" >&2
  else
    echo "browser-deps: $*" >&2
  fi
  exit 1
}
is_root() { [ "$(id -u)" = 0 ]; }
can_apt() { is_root && command -v apt-get >/dev/null 2>&1; }

# apt-get install, with `apt-get update` first only when the package has no candidate
# (never-updated lists) and once more when the install fails (stale lists). Another apt
# run on the machine holding the dpkg lock is waited for (up to 5 minutes).
APT_WAIT=(-o DPkg::Lock::Timeout=300)
apt_install() {
  local package=$1
  local policy  # read whole first: `| grep -q` would stop apt-cache early (SIGPIPE, pipefail)
  policy=$(apt-cache policy "$package" 2>/dev/null)
  if ! grep -q 'Candidate: [^(]' <<<"$policy"; then
    say "apt-get update (no $package in the package lists)"
    apt-get "${APT_WAIT[@]}" update -qq >>"$LOG" 2>&1 || return 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq "$package" >>"$LOG" 2>&1; then
    say "apt-get update (install of $package failed; retrying with fresh lists)"
    apt-get "${APT_WAIT[@]}" update -qq >>"$LOG" 2>&1 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq "$package" >>"$LOG" 2>&1 || return 1
  fi
}

# Path of Playwright's own Chromium if it is downloaded, else nothing.
playwright_chromium() {
  "$PYTHON" - <<'EOF' 2>/dev/null
import os
from playwright.sync_api import sync_playwright
with sync_playwright() as playwright:
    path = playwright.chromium.executable_path
print(path if os.path.exists(path) else "")
EOF
}

ensure_chromium() {
  if [ -x "$CHROMIUM" ]; then
    say "chromium: $CHROMIUM (installed)"
    return
  fi
  local bundled
  bundled=$(playwright_chromium)
  if [ -n "$bundled" ]; then
    say "chromium: Playwright's own, $bundled (installed)"
    return
  fi
  if can_apt; then
    say "chromium: installing Debian's chromium (apt-get install chromium)"
    if apt_install chromium && [ -x "$CHROMIUM" ]; then
      say "chromium: $CHROMIUM (installed now)"
      return
    fi
    say "chromium: apt-get could not install it; trying Playwright's download"
  fi
  say "chromium: downloading Playwright's own (playwright install chromium)"
  if "$PYTHON" -m playwright install chromium >>"$LOG" 2>&1 && [ -n "$(playwright_chromium)" ]; then
    say "chromium: Playwright's own, $(playwright_chromium) (installed now)"
    return
  fi
  fail "cannot get a Chromium for the browser tests: as root run 'apt-get install chromium' (Debian), or on a machine with network '$PYTHON -m playwright install chromium'"
}

has_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]
  else
    compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null
  fi
}

ensure_cjk_font() {
  if has_cjk_font; then
    say "CJK font: $(fc-match -f '%{family[0]}' :lang=zh-cn 2>/dev/null) (installed)"
    return
  fi
  if can_apt; then
    say "CJK font: installing Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)"
    if apt_install fonts-noto-cjk && has_cjk_font; then
      say "CJK font: fonts-noto-cjk (installed now)"
      return
    fi
  fi
  fail "no CJK font, screenshots would show Chinese as boxes: as root run 'apt-get install fonts-noto-cjk' (Debian)"
}

ensure_chromium
ensure_cjk_font
