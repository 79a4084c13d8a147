"""manage.py print_urls [--port N]: where each office, province and the operators are."""

from django.conf import settings
from django.core.management.base import BaseCommand

from tenants import selectors
from tenants.demo import DEMO_PASSWORD_HINT


class Command(BaseCommand):
    help = "Print the URL of every city office, provincial portal and the operators' site."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        domain = settings.PLATFORM_DOMAIN
        self.stdout.write(f"operators:  http://{domain}:{port}/")
        for city in selectors.offices():
            for record in city.domains.all():
                self.stdout.write(f"{city.code:<11} http://{record.domain}:{port}/  {city.name_zh}")
        for province in selectors.provinces():
            self.stdout.write(
                f"{province.code:<11} http://{province.subdomain}.{domain}:{port}/  {province.name_zh}"
            )
        self.stdout.write(DEMO_PASSWORD_HINT)
