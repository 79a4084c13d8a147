"""manage.py set_city_status CODE active|suspended|archived [--reason TEXT]"""

from django.core.management.base import BaseCommand, CommandError

from tenants import services
from tenants.models import City


class Command(BaseCommand):
    help = "Suspend, archive (read-only) or reactivate a city office (its data stays untouched)."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("status", choices=City.Status.values)
        parser.add_argument("--reason", default="", help="why; required to suspend (kept in the audit log)")

    def handle(self, *args, code, status, reason, **options):
        city = City.offices.filter(code=code).first()
        if city is None:
            raise CommandError(f"no city {code!r}")
        if status in (City.Status.SUSPENDED, City.Status.ARCHIVED) and not reason.strip():
            raise CommandError(f"{status}: --reason is required (it is kept in the audit log)")
        services.set_city_status(city=city, status=status, reason=reason)
        self.stdout.write(f"{code}: {status}")
