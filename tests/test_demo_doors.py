"""No demo doors outside the demo (issue 14): demo accounts (published passwords) are
marked; a server without DEMO=true refuses to start while one is active; DEMO=true is
refused anywhere but localhost; `remove_demo_accounts` closes them, audited."""

from __future__ import annotations

import importlib
import io
import os
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from apps.accounts import services as accounts
from apps.accounts.demo_guard import active_demo_accounts, refuse_demo_doors
from apps.accounts.models import User
from apps.audit.models import AuditEntry
from tests.conftest import in_city

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def a_demo_account(db):
    with in_city("guiyang"):
        accounts.ensure_user(
            actor=None, username="demo_clerk", role="clerk", password="guiyang-demo", demo=True
        )


def test_a_server_without_the_demo_switch_refuses_to_start_while_a_demo_account_is_active(
    a_demo_account, settings, monkeypatch
):
    settings.DEMO = False
    monkeypatch.setenv("WAIBAN_DB_ROLE", "owner")  # importing wsgi.py would set it for the process
    assert ("guiyang", "demo_clerk") in active_demo_accounts()
    with pytest.raises(ImproperlyConfigured, match="guiyang:demo_clerk"):
        refuse_demo_doors()
    sys.modules.pop("waiban.wsgi", None)
    with pytest.raises(ImproperlyConfigured):  # wsgi.py asks before it serves
        importlib.import_module("waiban.wsgi")
    assert any(error.id == "waiban.E001" for error in run_checks(include_deployment_checks=True))


def test_the_demo_server_may_have_them(a_demo_account, settings):
    settings.DEMO = True
    refuse_demo_doors()


def test_removing_the_demo_accounts_lets_a_real_server_start_and_is_audited(a_demo_account, settings):
    settings.DEMO = False
    call_command("remove_demo_accounts", stdout=io.StringIO())
    refuse_demo_doors()
    with in_city("guiyang"):
        user = User.objects.get(username="demo_clerk")
        assert not user.is_active and not user.has_usable_password()
        assert AuditEntry.objects.filter(
            action="accounts.close_demo_account", object_id=str(user.pk)
        ).exists()


def test_an_account_made_without_the_demo_switch_is_no_demo_door(db, settings):
    settings.DEMO = False
    with in_city("guiyang"):
        accounts.ensure_user(actor=None, username="real_clerk", role="clerk", password="x" * 20)
    refuse_demo_doors()


def test_the_demo_switch_is_refused_on_a_real_domain():
    environment = {**os.environ, "DEMO": "true", "PLATFORM_DOMAIN": "waiban.example.cn",
                   "SECRET_KEY": "k" * 60, "PYTHONPATH": f"{ROOT}/platform:{ROOT}"}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", "import waiban.settings"], env=environment,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode != 0 and "DEMO=true serves only on localhost" in result.stderr
