"""Documents and attachments issued before they knew their unit: the delegation's
submitting unit, so that unit's submitters can read its letter and 任务批件. One UPDATE
per table per city schema."""

from django.db import migrations

FILL = """
UPDATE {table} AS d SET unit_code = t.unit_code
FROM trips_delegation AS t
WHERE d.subject_type = 'trips.delegation' AND d.subject_id = t.id::text AND d.unit_code = ''
"""


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_document_attachment_unit"),
        ("trips", "0004_delegation_search_text"),
    ]

    operations = [
        migrations.RunSQL(FILL.format(table="documents_document"), migrations.RunSQL.noop),
        migrations.RunSQL(FILL.format(table="documents_attachment"), migrations.RunSQL.noop),
    ]
