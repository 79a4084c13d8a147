"""Options shared by the commands the operators' pages run (import_city, remove_city):
``--operator`` (who, for the audit log), ``--language``, ``--json`` (one line answer)."""

from __future__ import annotations

import json

from django.core.management.base import CommandError
from django.db import connection


def add_options(parser) -> None:
    parser.add_argument("--operator", default="", help="the operator's user name, for the audit log")
    parser.add_argument("--language", default="", help="the language of the messages (zh-hans, en)")
    parser.add_argument("--json", action="store_true", help="answer one JSON line: ok, problems, ...")


def operator(username: str):
    from apps.accounts.models import User

    if not username:
        return None
    connection.set_schema_to_public()
    found = User.objects.filter(username=username, role="operator", is_active=True).first()
    if found is None:
        raise CommandError(f"no operator {username!r}")
    return found


def answer(command, options, *, ok: bool, problems: list[str] = (), text: str = "", **extra) -> None:
    if options["json"]:
        command.stdout.write(json.dumps({"ok": ok, "problems": list(problems), **extra}, ensure_ascii=False))
        return
    if not ok:
        raise CommandError("nothing applied: " + "; ".join(problems))
    command.stdout.write(text)
