"""manage.py onboard_province PATH [--dry-run]: create or update a provincial FAO."""

from django.core.management.base import BaseCommand, CommandError

from city_profiles.loader import ProfileError, load_province
from tenants import services
from tenants.management.commands.onboard_city import report_onboarding


class Command(BaseCommand):
    help = "Create or update a provincial FAO from its YAML profile (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, dry_run, **options):
        try:
            result = services.apply_province_profile(profile=load_province(path), dry_run=dry_run)
        except ProfileError as error:
            raise CommandError(str(error)) from None
        report_onboarding(self.stdout, result)
