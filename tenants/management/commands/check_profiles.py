"""manage.py check_profiles: validate every profile in city_profiles/ (writes nothing)."""

from django.core.management.base import BaseCommand, CommandError

from city_profiles.loader import ProfileError, load_all


class Command(BaseCommand):
    help = "Validate all city and province profiles; one line per problem."

    def handle(self, *args, **options):
        try:
            provinces, cities = load_all()
        except ProfileError as error:
            raise CommandError(f"{len(error.problems)} problem(s):\n{error}") from None
        self.stdout.write(f"{len(provinces)} province and {len(cities)} city profiles are valid")
