"""manage.py export_city CODE [--output FILE]: the city's archive (tar.gz) in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tenants import backup, selectors


class Command(BaseCommand):
    help = "Export one city (its schema's tables, its public rows, a manifest) to one archive file."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--output", "-o", help="the archive file (default: <code>-<time>.tar.gz here)")

    def handle(self, *args, code, output, **options):
        city = selectors.city_by_code(code)
        if city is None:
            raise CommandError(f"no city {code!r}")
        path = Path(output or f"{code}-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("wb") as out:
                manifest = backup.export_city(city=city, out=out)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"{path}: {len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files"
        )
