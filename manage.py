#!/usr/bin/env python
"""Django's command-line utility for the waiban platform."""

import os
import sys
from pathlib import Path

# The Django project package lives in platform/ (which is not itself a package: see
# platform/waiban/__init__.py); the apps live at the repository root.
ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waiban.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
