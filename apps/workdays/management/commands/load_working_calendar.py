"""manage.py load_working_calendar PATH [--dry-run]: load the official working-day calendar."""

from django.core.management.base import BaseCommand, CommandError

from apps.workdays import services
from city_profiles.loader import ProfileError


class Command(BaseCommand):
    help = "Load public holidays and make-up working days from a calendar YAML file (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. apps/workdays/data/cn-working-calendar.yaml")
        parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")

    def handle(self, *args, path, dry_run, **options):
        try:
            result = services.load_calendar(path=path, dry_run=dry_run)
        except ProfileError as error:
            raise CommandError(f"{len(error.problems)} problem(s), nothing loaded:\n{error}") from None
        report_calendar(self.stdout, result)


def report_calendar(stdout, result) -> None:
    if not result.changed:
        stdout.write(f"{result.file}: up to date, nothing to do")
        return
    for line in result.lines():
        stdout.write(f"{result.file}: {line}")
