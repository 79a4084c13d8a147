"""manage.py setup_platform [--demo]: everything `make run` and `make test` need.

Migrates the public schema, creates and migrates the template schema and every city,
onboards every province and city profile in city_profiles/, loads the shipped working-day
calendar (apps/workdays/data/), and with --demo creates one demo account per role in every
city, demo delegations in every state, and one demo reviewer per province. Safe to run
again: it changes only what changed.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from apps.workdays import services as workdays
from apps.workdays.management.commands.load_working_calendar import report_calendar
from apps.workdays.services import SHIPPED_CALENDAR
from city_profiles.loader import ProfileError, load_all
from tenants import db_roles, services
from tenants.demo import DEMO_PASSWORD_HINT, demo_password, ensure_demo_data, province_logins
from tenants.management.commands.onboard_city import report_onboarding


class Command(BaseCommand):
    help = "Migrate, onboard every profile in city_profiles/, optionally load demo data."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="create demo users and data")

    def handle(self, *args, demo, **options):
        try:
            provinces, cities = load_all()
        except ProfileError as error:
            raise CommandError(f"{len(error.problems)} problem(s):\n{error}") from None
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        if services.ensure_template():
            self.stdout.write("created the template schema")
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
        for profile in provinces:
            report_onboarding(self.stdout, services.apply_province_profile(profile=profile))
        try:
            report_calendar(self.stdout, workdays.load_calendar(path=SHIPPED_CALENDAR))
        except ProfileError as error:
            raise CommandError(f"{len(error.problems)} problem(s):\n{error}") from None
        for profile in cities:
            # With --demo a new office administrator gets the demo password (no random one
            # printed that would not work); without, a random one printed once, kept.
            password = demo_password(profile.code) if demo else None
            report_onboarding(self.stdout, services.onboard_city(profile=profile, admin_password=password))
        for line in db_roles.ensure():  # the web server's least-privileged role, on every schema
            self.stdout.write(line)
        if demo:
            for line in ensure_demo_data():
                self.stdout.write(line)
            self.stdout.write(DEMO_PASSWORD_HINT)
            for line in province_logins():
                self.stdout.write(line)
