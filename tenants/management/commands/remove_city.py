"""manage.py remove_city CODE --confirm CODE --reason TEXT

Drops an archived city's schema and its public rows, once it has been exported since it
was archived (``export_city``). The operators' removal page runs it (as the owner)."""

from django.core.management.base import BaseCommand
from django.utils import translation

from tenants import backup, selectors
from tenants.management.commands import _operator


class Command(BaseCommand):
    help = "Remove an archived, exported city: its schema and public rows (the audit log keeps the record)."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--confirm", required=True, help="the city's code again")
        parser.add_argument("--reason", required=True)
        _operator.add_options(parser)

    def handle(self, *args, code, confirm, reason, **options):
        if options["language"]:
            translation.activate(options["language"])
        city = selectors.city_by_code(code)
        if city is None:
            _operator.answer(self, options, ok=False, problems=[f"no city {code!r}"])
            return
        try:
            backup.remove_city(
                city=city, confirm_code=confirm, reason=reason, actor=_operator.operator(options["operator"])
            )
        except backup.ArchiveError as error:
            _operator.answer(self, options, ok=False, problems=error.problems)
            return
        _operator.answer(self, options, ok=True, code=code, text=f"removed {code}")
