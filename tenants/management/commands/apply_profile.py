"""manage.py apply_profile --actor ID < request.json: applies a profile text as the
database owner and answers JSON on stdout.

The web server connects as the least-privileged role, which cannot create a schema
(tenants/db_roles.py); onboarding a new city from the operators' site runs this command
as the owner for that one step (``tenants.profile_ops.apply``). The request is
``{"kind", "text", "owner", "reason"}``; the answer ``{"code", "changes", "admin_link"}``
or ``{"problems": [{"path", "line", "message"}]}``. The one-time link goes to the caller
on stdout only: it is never logged."""

import json
import sys

from django.core.management.base import BaseCommand

from apps.accounts.models import User
from tenants import profile_ops


class Command(BaseCommand):
    help = "Apply a profile text read as JSON on stdin (the operators' site runs this as the owner)."

    def add_arguments(self, parser):
        parser.add_argument("--actor", type=int, default=None, help="the operator's user id (public schema)")

    def handle(self, *args, actor, **options):
        request = json.loads(sys.stdin.read())
        user = User.objects.filter(pk=actor, role="operator").first() if actor else None
        try:
            result = profile_ops.apply(
                kind=request["kind"],
                text=request["text"],
                actor=user,
                reason=request.get("reason", ""),
                owner=request.get("owner"),
                in_process=True,
            )
        except profile_ops.ProfileTextError as error:
            self.stdout.write(json.dumps({"problems": [problem.as_json() for problem in error.problems]}))
            return
        answer = {"code": result.code, "changes": result.changes, "admin_link": result.admin_link}
        self.stdout.write(json.dumps(answer, ensure_ascii=False))
