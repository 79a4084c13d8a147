"""WSGI entry point (gunicorn: ``gunicorn --chdir platform waiban.wsgi``)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "platform"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waiban.settings")
# The web server connects as the least-privileged application role (tenants/db_roles.py).
os.environ.setdefault("WAIBAN_DB_ROLE", "app")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from apps.accounts.demo_guard import refuse_demo_doors  # noqa: E402

refuse_demo_doors()  # no demo accounts outside the demo (DEMO=true, localhost only)
