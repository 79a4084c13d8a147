"""WSGI entry point (gunicorn: ``gunicorn --chdir platform waiban.wsgi``)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "platform"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waiban.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
