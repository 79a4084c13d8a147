"""manage.py import_city FILE --code CODE [--subdomain SUB] [--dry-run]

Restores a city archive (from ``export_city``) as city CODE, all or nothing; refuses,
naming every problem, an archive from a newer schema, a corrupted or truncated one, a
code or subdomain already taken."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants import backup


class Command(BaseCommand):
    help = "Restore a city from its archive file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--code", required=True, help="the restored city's code (and schema)")
        parser.add_argument("--subdomain", default=None, help="default: the code")
        parser.add_argument("--dry-run", action="store_true", help="check and show the manifest only")

    def handle(self, *args, archive, code, subdomain, dry_run, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"no file {archive}")
        try:
            with path.open("rb") as handle:
                loaded = backup.read_archive(handle)
            preview = backup.preview(loaded)
            self.stdout.write(
                f"archive of {preview['city']['code']} from {preview['source_domain']} at "
                f"{preview['created_at']}: {preview['tables']} tables, {preview['rows']} rows, "
                f"{preview['files']} files"
            )
            if dry_run:
                problems = backup.restore_problems(loaded, code=code, subdomain=subdomain or code)
                if problems:
                    raise backup.ArchiveError(problems)
                self.stdout.write("it can be restored (dry run: nothing applied)")
                return
            city = backup.import_city(archive=loaded, code=code, subdomain=subdomain)
        except backup.ArchiveError as error:
            raise CommandError("nothing applied: " + "; ".join(error.problems)) from None
        self.stdout.write(f"restored as {city.code} ({city.domains.get(is_primary=True).domain})")
