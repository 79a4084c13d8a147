"""manage.py send_reminders [--date YYYY-MM-DD] [--city CODE]"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.notifications.reminders import cities_to_remind, run_reminders


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date {value!r}: expected YYYY-MM-DD") from error


class Command(BaseCommand):
    help = (
        "Send the reminders due today in every active city (each enabled module's "
        "due_reminders). Safe to run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to remind for (default: today, office time zone)")
        parser.add_argument("--city", help="only this city (its code)")

    def handle(self, *args, date=None, city=None, **options):
        today = _day(date) if date else timezone.localdate()
        cities = cities_to_remind(city)
        if city and not cities.exists():
            raise CommandError(f"no active city {city!r}")
        results = run_reminders(today=today, cities=cities)
        for result in results:
            stream = self.stderr if result.error else self.stdout
            stream.write(result.summary())
        failed = [result.code for result in results if result.error]
        if failed:
            raise CommandError(f"reminders failed in {len(failed)} city(ies): {', '.join(failed)}")
