"""manage.py verify_audit [--schema NAME]: checks the audit log's hash chain of the public
schema and every city; one line each, the first broken link named; exits 1 if any is broken."""

from django.core.management.base import BaseCommand, CommandError

from apps.audit.chain import audited_schemas, verify


class Command(BaseCommand):
    help = "Verify the tamper-evident audit chain of every schema (or one)."

    def add_arguments(self, parser):
        parser.add_argument("--schema", help="one schema (a city's code, or public)")

    def handle(self, *args, schema=None, **options):
        schemas = [schema] if schema else audited_schemas()
        broken = 0
        for name in schemas:
            report = verify(name)
            if report.intact:
                self.stdout.write(f"{name}: intact ({report.rows} rows)")
            else:
                broken += 1
                self.stdout.write(
                    f"{name}: BROKEN at entry {report.broken_at_seq} of {report.rows} "
                    f"(id {report.broken_id}): {report.reason}"
                )
        if broken:
            raise CommandError(f"{broken} audit chain(s) broken")
