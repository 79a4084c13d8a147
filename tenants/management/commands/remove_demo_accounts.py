"""manage.py remove_demo_accounts: closes the demo's doors before a server goes live.

Every account ``setup_platform --demo`` made (published passwords such as ``hangzhou-demo``)
is deactivated and its password made unusable, in the public schema and in every city, one
audit row each. The records they touched stay (cases keep their authors). Afterwards a
server without ``DEMO=true`` starts (apps.accounts.demo_guard)."""

from django.core.management.base import BaseCommand
from django_tenants.utils import tenant_context

from apps.accounts.demo_guard import active_demo_accounts
from apps.accounts.services import close_demo_accounts
from tenants.models import City


class Command(BaseCommand):
    help = "Deactivate every demo account (published password) in the platform and every city."

    def handle(self, *args, **options):
        closed = close_demo_accounts()
        for city in City.objects.exclude(schema_name="public").order_by("code"):
            with tenant_context(city):
                closed += close_demo_accounts()
        self.stdout.write(f"deactivated {closed} demo account(s)")
        left = active_demo_accounts()
        if left:
            self.stderr.write(f"still active: {left}")
