"""manage.py import_city FILE --code CODE [--subdomain SUB] [--dry-run]

Restores a city archive (from ``export_city``) as city CODE, all or nothing; refuses,
naming every problem, an archive from a newer schema, a corrupted or truncated one, a
code or subdomain already taken. The operators' restore page runs it (as the owner)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tenants import backup
from tenants.management.commands import _operator


class Command(BaseCommand):
    help = "Restore a city from its archive file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--code", required=True, help="the restored city's code (and schema)")
        parser.add_argument("--subdomain", default=None, help="default: the code")
        parser.add_argument("--dry-run", action="store_true", help="check and show the manifest only")
        _operator.add_options(parser)

    def handle(self, *args, archive, code, subdomain, dry_run, **options):
        if options["language"]:
            translation.activate(options["language"])
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"no file {archive}")
        actor = _operator.operator(options["operator"])
        try:
            with path.open("rb") as handle:
                loaded = backup.read_archive(handle)
            preview = backup.preview(loaded)
            if not options["json"]:
                self.stdout.write(
                    f"archive of {preview['city']['code']} from {preview['source_domain']} at "
                    f"{preview['created_at']}: {preview['tables']} tables, {preview['rows']} rows, "
                    f"{preview['files']} files"
                )
            if dry_run:
                problems = backup.restore_problems(loaded, code=code, subdomain=subdomain or code)
                if problems:
                    raise backup.ArchiveError(problems)
                _operator.answer(self, options, ok=True, text="it can be restored (dry run: nothing applied)")
                return
            city = backup.import_city(archive=loaded, code=code, subdomain=subdomain, actor=actor)
        except backup.ArchiveError as error:
            _operator.answer(self, options, ok=False, problems=error.problems)
            return
        domain = city.domains.get(is_primary=True).domain
        _operator.answer(
            self, options, ok=True, code=city.code, domain=domain, text=f"restored as {city.code} ({domain})"
        )
