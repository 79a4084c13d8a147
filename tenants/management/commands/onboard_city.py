"""manage.py onboard_city PATH [--dry-run]: create or update a city from its profile."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from city_profiles.loader import ProfileError, load_city
from tenants import services


class Command(BaseCommand):
    help = "Create or update a city office from its YAML profile (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the city's profile, e.g. city_profiles/cities/hangzhou.yaml")
        parser.add_argument("--dry-run", action="store_true", help="print what would change")

    def handle(self, *args, path, dry_run, **options):
        try:
            result = services.onboard_city(profile=load_city(path), dry_run=dry_run)
        except ProfileError as error:
            raise CommandError(str(error)) from None
        report_onboarding(self.stdout, result)


def report_onboarding(stdout, result) -> None:
    verb = "would change" if result.dry_run else "changed"
    if not result.changes:
        stdout.write(f"{result.code}: up to date, nothing to do")
        return
    stdout.write(f"{result.code}: {verb}:")
    for line in result.changes:
        stdout.write(f"  {line}")
    if result.admin_link:
        stdout.write(
            f"  office administrator: admin, one-time sign-in link "
            f"(valid {settings.SIGN_IN_LINK_DAYS} days): {result.admin_link}"
        )
