"""manage.py print_urls [--port N] [--ready]: where each office, province and the operators are."""

from django.conf import settings
from django.core.management.base import BaseCommand

from tenants import selectors
from tenants.demo import DEMO_PASSWORD_HINT


def addresses(port: int) -> tuple[str, list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(operators' URL, [(code, URL, name)] of the offices, [(code, URL, name)] of the provinces)."""
    domain = settings.PLATFORM_DOMAIN
    cities = [
        (city.code, f"http://{record.domain}:{port}/", city.name_zh)
        for city in selectors.offices()
        for record in city.domains.all()
    ]
    provinces = [
        (province.code, f"http://{province.subdomain}.{domain}:{port}/", province.name_zh)
        for province in selectors.provinces()
    ]
    return f"http://{domain}:{port}/", cities, provinces


class Command(BaseCommand):
    help = "Print the URL of every city office, provincial portal and the operators' site."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--ready",
            action="store_true",
            help="Add a last line naming every address (make run prints it once the server answers).",
        )

    def handle(self, *args, port, ready, **options):
        operators, cities, provinces = addresses(port)
        self.stdout.write(f"operators:  {operators}")
        for code, url, name in cities:
            self.stdout.write(f"{code:<11} {url}  {name}")
        for code, url, name in provinces:
            self.stdout.write(f"{code:<11} {url}  {name}")
        self.stdout.write(DEMO_PASSWORD_HINT)
        if ready:
            self.stdout.write(
                f"waiban is ready: operators {operators} · offices "
                + " ".join(url for _, url, _ in cities)
                + " · provinces "
                + " ".join(url for _, url, _ in provinces)
            )
