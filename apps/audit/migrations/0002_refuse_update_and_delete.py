"""The database itself refuses UPDATE, DELETE and TRUNCATE on the audit log.

The function and triggers are created in the schema being migrated (each city's, and
the public one), so they travel with the template when a city is cloned.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_auditentry_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_auditentry_no_truncate
    BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditentry_no_truncate ON audit_auditentry;
DROP TRIGGER IF EXISTS audit_auditentry_no_update_delete ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_log_is_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
