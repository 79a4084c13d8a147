"""One city in one archive file, and back: export, restore, and the checks between them.

An archive is a gzipped tar holding

    manifest.json           format version, migration state, tables with row counts and
                            sha256, the public rows' sha256, the files, source domain, time
    schema/<table>.copy     each table of the city's schema: PostgreSQL ``COPY ... TO
                            STDOUT`` text, rows ordered by primary key
    public.json             the city's rows in the public schema: its City row, its domains,
                            every public row with a foreign key to the city (escalations,
                            monthly figures, ...), and the operators' audit rows about it
                            (kept for the record; the target's audit log is never rewritten)

Files: the city's documents and attachments are stored in its schema (``documents_*``,
BinaryField), so they travel in the table data; the manifest lists each with size and
sha256, and a restore checks them row by row.

The copy is pure SQL (COPY, through psycopg2 or psycopg 3) over the application's own
connection (no ``pg_dump`` binary), so it works with the embedded PostgreSQL and with any
``DATABASE_URL``. A restore runs in one
transaction: schema (cloned from the template), rows, sequences, public rows, audit row;
then every table's count and checksum is computed again and compared with the manifest.
Any difference, and nothing is applied.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import tarfile
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.apps import apps as django_apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_exists

from apps.audit import services as audit
from apps.audit.models import AuditEntry
from tenants import db_roles, routing_table
from tenants.models import City, Domain, Province

FORMAT = "waiban-city-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PUBLIC = "public.json"
MAX_MEMBER_BYTES = 2 * 1024**3
CODE = re.compile(r"[a-z][a-z0-9_]{0,30}")  # a schema name too


class Encoder(DjangoJSONEncoder):
    """Django's, with datetimes to the microsecond (Django's stops at the millisecond, and a
    restored row would differ from its original)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """The archive cannot be restored (or the city exported): one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Archive:
    manifest: dict[str, Any]
    members: dict[str, bytes] = field(default_factory=dict)

    @property
    def public(self) -> dict[str, Any]:
        return json.loads(self.members[PUBLIC])


# -- the schema's tables -------------------------------------------------------------------


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(cursor, schema: str) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') ORDER BY c.relname",
        [schema],
    )
    return [row[0] for row in cursor.fetchall()]


def _columns(cursor, schema: str, table: str) -> list[str]:
    cursor.execute(
        "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = %s::regclass "
        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        [f"{_q(schema)}.{_q(table)}"],
    )
    return [row[0] for row in cursor.fetchall()]


def _primary_key(cursor, schema: str, table: str) -> list[str]:
    cursor.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
        "ORDER BY array_position(i.indkey, a.attnum)",
        [f"{_q(schema)}.{_q(table)}"],
    )
    return [row[0] for row in cursor.fetchall()]


def _sequences(cursor, schema: str, table: str, columns: list[str]) -> dict[str, str]:
    found = {}
    for column in columns:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [f"{_q(schema)}.{_q(table)}", column])
        sequence = cursor.fetchone()[0]
        if sequence:
            found[column] = sequence
    return found


def _copy_out(cursor, schema: str, table: str, columns: list[str], order: list[str]) -> bytes:
    cols = ", ".join(_q(c) for c in columns)
    order_by = ", ".join(_q(c) for c in (order or columns))
    query = f"COPY (SELECT {cols} FROM {_q(schema)}.{_q(table)} ORDER BY {order_by}) TO STDOUT"  # noqa: S608
    return _copy_to(cursor, query)


# COPY through whichever driver Django runs on: psycopg2 (``copy_expert``) or psycopg 3
# (``cursor.copy``).


def _copy_to(cursor, query: str) -> bytes:
    raw = cursor.cursor
    buffer = io.BytesIO()
    if hasattr(raw, "copy_expert"):
        raw.copy_expert(query, buffer)
    else:
        with raw.copy(query) as copy:
            for chunk in copy:
                buffer.write(chunk)
    return buffer.getvalue()


def _copy_from(cursor, query: str, data: bytes) -> None:
    raw = cursor.cursor
    if hasattr(raw, "copy_expert"):
        raw.copy_expert(query, io.BytesIO(data))
    else:
        with raw.copy(query) as copy:
            copy.write(data)


def _row_count(data: bytes) -> int:
    return data.count(b"\n")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _migrations(cursor, schema: str) -> list[list[str]]:
    cursor.execute(f"SELECT app, name FROM {_q(schema)}.django_migrations ORDER BY app, name")  # noqa: S608
    return [list(row) for row in cursor.fetchall()]


def _latest(applied: list[list[str]]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in applied:
        latest[app] = max(latest.get(app, ""), name)
    return latest


# -- the public rows -----------------------------------------------------------------------


def _public_models() -> list[type[models.Model]]:
    """Public-schema models (other than Domain) with a foreign key to City."""
    found = []
    for model in django_apps.get_models():
        if model in (City, Domain) or model._meta.app_config.name not in settings.SHARED_APPS:
            continue
        if any(f.many_to_one and f.related_model is City for f in model._meta.concrete_fields):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label_lower)


CITY_FIELDS = ["code", "name_zh", "name_en", "status", "profile", "profile_version", "profile_sha256"]


def _row(model: type[models.Model], obj: models.Model) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.many_to_one and f.related_model is City:
            continue
        if f.many_to_one and f.related_model is Province:
            province = getattr(obj, f.name)
            row[f.name] = province.code if province else None
        else:
            row[f.attname] = f.value_from_object(obj)
    return row


def public_rows(city: City) -> dict[str, Any]:
    """The city's rows in the public schema, in a form independent of ids."""
    subdomains = [d.domain.split(".", 1)[0] for d in city.domains.order_by("-is_primary", "domain")]
    related = {}
    for model in _public_models():
        fk = next(f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is City)
        rows = model.objects.filter(**{fk.name: city}).order_by("pk")
        related[model._meta.label_lower] = [_row(model, obj) for obj in rows]
    history = AuditEntry.objects.filter(object_type="tenants.city", object_id=str(city.pk)).order_by(
        "seq", "pk"
    )
    return {
        "city": {
            **{name: getattr(city, name) for name in CITY_FIELDS},
            "province": city.province.code if city.province else None,
        },
        "subdomains": subdomains,
        "related": related,
        "audit": [
            {
                "occurred_at": e.occurred_at,
                "actor_username": e.actor_username,
                "action": e.action,
                "before": e.before,
                "after": e.after,
            }
            for e in history
        ],
    }


def comparable_public_rows(city: City) -> dict[str, Any]:
    """What a restore must reproduce: the public rows without the audit history, the code
    or the subdomain (a restore may give new ones)."""
    rows = json.loads(json.dumps(public_rows(city), cls=Encoder))
    rows.pop("audit")
    rows.pop("subdomains")
    rows["city"].pop("code")
    return rows


# -- export --------------------------------------------------------------------------------


def _file_list(cursor, schema: str) -> list[dict[str, Any]]:
    files = []
    for table, name in (("documents_document", "title"), ("documents_attachment", "filename")):
        # Size and sha256 of the bytes themselves, not the columns that describe them.
        cursor.execute(
            f"SELECT id, {name}, octet_length(content), encode(sha256(content), 'hex') "  # noqa: S608
            f"FROM {_q(schema)}.{table} ORDER BY id"
        )
        files += [
            {"table": table, "id": pk, "name": label, "size": size, "sha256": digest}
            for pk, label, size, digest in cursor.fetchall()
        ]
    return files


def _tar_add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def export_city(*, city: City, out: BinaryIO, actor=None) -> dict[str, Any]:
    """Writes the city's archive to ``out``; returns its manifest. One audit row."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        connection.set_schema_to_public()
        if outermost:  # one snapshot for every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        schema = city.schema_name
        tables: dict[str, Any] = {}
        members: dict[str, bytes] = {}
        with connection.cursor() as cursor:
            for table in _tables(cursor, schema):
                columns = _columns(cursor, schema, table)
                pk = _primary_key(cursor, schema, table)
                data = _copy_out(cursor, schema, table, columns, pk)
                sequences = {}
                for column, sequence in _sequences(cursor, schema, table, columns).items():
                    cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
                    last_value, is_called = cursor.fetchone()
                    sequences[column] = last_value if is_called else None
                members[f"schema/{table}.copy"] = data
                tables[table] = {
                    "columns": columns,
                    "primary_key": pk,
                    "rows": _row_count(data),
                    "sha256": _sha256(data),
                    "sequences": sequences,
                }
            city_migrations = _migrations(cursor, schema)
            public_migrations = _migrations(cursor, get_public_schema_name())
            files = _file_list(cursor, schema)
        public = json.dumps(public_rows(city), cls=Encoder, ensure_ascii=False, sort_keys=True)
        members[PUBLIC] = public.encode()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "source_domain": settings.PLATFORM_DOMAIN,
            "city": {"code": city.code, "name_zh": city.name_zh, "name_en": city.name_en,
                     "province": city.province.code if city.province else None, "status": city.status},
            "migrations": {
                "city": city_migrations,
                "public": public_migrations,
                "latest": _latest(city_migrations),
            },
            "tables": tables,
            "public": {"sha256": _sha256(members[PUBLIC]),
                       "rows": {label: len(rows) for label, rows in json.loads(public)["related"].items()}},
            "files": files,
        }  # fmt: skip
        with tarfile.open(fileobj=out, mode="w:gz") as tar:
            _tar_add(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            for name, data in members.items():
                _tar_add(tar, name, data)
        audit.record(
            actor=actor,
            action="platform.export_city",
            obj=city,
            after={
                "tables": len(tables),
                "rows": sum(t["rows"] for t in tables.values()),
                "files": len(files),
            },
        )
    return manifest


# -- reading an archive --------------------------------------------------------------------


def read_archive(source: BinaryIO) -> Archive:
    """Reads and checks an archive: readable, complete, every member's checksum as in the
    manifest. Raises ArchiveError naming the problem."""
    try:
        with tarfile.open(fileobj=source, mode="r:gz") as tar:
            members: dict[str, bytes] = {}
            for info in tar:
                if not info.isfile() or info.size > MAX_MEMBER_BYTES:
                    continue
                handle = tar.extractfile(info)
                members[info.name] = handle.read() if handle else b""
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise ArchiveError(
            [_("The archive is unreadable or truncated (%(error)s).") % {"error": error}]
        ) from None
    if MANIFEST not in members:
        raise ArchiveError([_("The archive has no manifest: it is not a city archive.")])
    try:
        manifest = json.loads(members.pop(MANIFEST))
    except ValueError:
        raise ArchiveError([_("The archive's manifest is unreadable.")]) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError([_("The archive's manifest is not a city archive's.")])
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            [_("The archive's format version %(version)s is not supported (this platform reads %(ours)s).")
             % {"version": manifest.get("format_version"), "ours": FORMAT_VERSION}]
        )  # fmt: skip
    problems = []
    expected = {f"schema/{table}.copy": info["sha256"] for table, info in manifest.get("tables", {}).items()}
    expected[PUBLIC] = manifest.get("public", {}).get("sha256")
    for name, digest in expected.items():
        if name not in members:
            problems.append(_("The archive is incomplete: %(name)s is missing.") % {"name": name})
        elif _sha256(members[name]) != digest:
            problems.append(_("The archive is corrupted: the checksum of %(name)s differs.") % {"name": name})
    if problems:
        raise ArchiveError(problems)
    return Archive(manifest=manifest, members=members)


def preview(archive: Archive) -> dict[str, Any]:
    """What an operator sees before applying: the city, the source, the counts."""
    manifest = archive.manifest
    return {
        "city": manifest["city"],
        "created_at": manifest["created_at"],
        "source_domain": manifest["source_domain"],
        "format_version": manifest["format_version"],
        "tables": len(manifest["tables"]),
        "rows": sum(info["rows"] for info in manifest["tables"].values()),
        "files": len(manifest["files"]),
        "files_bytes": sum(f["size"] or 0 for f in manifest["files"]),
        "public_rows": manifest["public"]["rows"],
        "latest_migrations": manifest["migrations"]["latest"],
    }


# -- restore -------------------------------------------------------------------------------


def _tenant_app_labels() -> set[str]:
    return {config.label for config in django_apps.get_app_configs() if config.name in settings.TENANT_APPS}


def _migration_problems(archive: Archive) -> list[str]:
    """A migration the archive has and this platform has not applied (city schema or
    public schema): a newer archive. A city-schema migration of this platform the archive
    lacks: an older one (its tables would not match). Only the apps whose tables live in
    a city schema count for the city: a city schema also records the public apps'."""
    tenant_apps = _tenant_app_labels()
    with connection.cursor() as cursor:
        city_target = {
            tuple(row) for row in _migrations(cursor, settings.TENANT_BASE_SCHEMA) if row[0] in tenant_apps
        }
        public_target = {tuple(row) for row in _migrations(cursor, get_public_schema_name())}
    migrations = archive.manifest["migrations"]
    city_source = {tuple(row) for row in migrations["city"] if row[0] in tenant_apps}
    public_source = {tuple(row) for row in migrations.get("public", [])}
    problems = []
    newer = sorted((city_source - city_target) | (public_source - public_target))
    if newer:
        names = ", ".join(f"{app}.{name}" for app, name in newer[:10])
        problems.append(
            _("The archive comes from a newer schema version: this platform does not know the "
              "migrations %(names)s. Upgrade this platform first.") % {"names": names}
        )  # fmt: skip
    older = sorted(city_target - city_source)
    if older and not newer:
        names = ", ".join(f"{app}.{name}" for app, name in older[:10])
        problems.append(
            _("The archive comes from an older schema version (it lacks the migrations %(names)s). "
              "Restore it on a platform at its version, upgrade that one, then export again.")
            % {"names": names}
        )  # fmt: skip
    return problems


def restore_problems(archive: Archive, *, code: str, subdomain: str) -> list[str]:
    """Why the archive cannot be restored as ``code`` at ``subdomain`` (empty: it can)."""
    from django.core.validators import validate_slug

    connection.set_schema_to_public()
    problems = _migration_problems(archive)
    try:
        validate_slug(code)
        validate_slug(subdomain)
    except Exception:
        problems.append(_("A city code and subdomain are letters, digits, hyphens or underscores."))
        return problems
    if not CODE.fullmatch(code):
        problems.append(
            _("A city code is lower-case letters, digits or underscores, starting with a letter, at most 31.")
        )
    if (
        City.objects.filter(code=code).exists()
        or City.objects.filter(schema_name=code).exists()
        or schema_exists(code)
    ):
        problems.append(_("The city code %(code)s is already taken.") % {"code": code})
    if code == get_public_schema_name() or code == settings.TENANT_BASE_SCHEMA or code.startswith("pg_"):
        problems.append(_("The city code %(code)s is reserved.") % {"code": code})
    domain = f"{subdomain}.{settings.PLATFORM_DOMAIN}"
    if Domain.objects.filter(domain=domain).exists() or Province.objects.filter(subdomain=subdomain).exists():
        problems.append(_("The subdomain %(subdomain)s is already taken.") % {"subdomain": subdomain})
    province = archive.manifest["city"].get("province")
    if province and not Province.objects.filter(code=province).exists():
        problems.append(
            _("The province %(province)s does not exist on this platform.") % {"province": province}
        )
    return problems


def _load_schema(cursor, archive: Archive, schema: str) -> None:
    tables = archive.manifest["tables"]
    present = set(_tables(cursor, schema))
    if present != set(tables):
        missing = sorted(set(tables) - present) + sorted(present - set(tables))
        raise ArchiveError(
            [
                _("The archive's tables differ from this platform's: %(names)s.")
                % {"names": ", ".join(missing)}
            ]
        )
    quoted = [f"{_q(schema)}.{_q(table)}" for table in sorted(tables)]
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for name in quoted:
        cursor.execute(f"ALTER TABLE {name} DISABLE TRIGGER USER")
    cursor.execute(f"TRUNCATE {', '.join(quoted)}")
    for table, info in sorted(tables.items()):
        data = archive.members[f"schema/{table}.copy"]
        if data:
            cols = ", ".join(_q(c) for c in info["columns"])
            _copy_from(cursor, f"COPY {_q(schema)}.{_q(table)} ({cols}) FROM STDIN", data)
    # The foreign keys are checked now (a table cannot be altered with checks pending).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for name in quoted:
        cursor.execute(f"ALTER TABLE {name} ENABLE TRIGGER USER")
    for table, info in tables.items():
        for column in _sequences(cursor, schema, table, info["columns"]):
            sequence = _sequences(cursor, schema, table, [column])[column]
            source_last = info.get("sequences", {}).get(column) or 0
            cursor.execute(f"SELECT max({_q(column)}) FROM {_q(schema)}.{_q(table)}")  # noqa: S608
            top = max(cursor.fetchone()[0] or 0, source_last)
            if top:
                cursor.execute("SELECT setval(%s, %s, true)", [sequence, top])
            else:
                cursor.execute("SELECT setval(%s, 1, false)", [sequence])


def verify(cursor, archive: Archive, schema: str) -> list[str]:
    """Counts and checksums of the restored schema against the manifest."""
    problems = []
    for table, info in sorted(archive.manifest["tables"].items()):
        data = _copy_out(cursor, schema, table, info["columns"], info["primary_key"])
        if _row_count(data) != info["rows"] or _sha256(data) != info["sha256"]:
            problems.append(
                _(
                    "After loading, table %(table)s differs from the archive "
                    "(%(rows)s rows, %(expected)s expected)."
                )
                % {"table": table, "rows": _row_count(data), "expected": info["rows"]}
            )
    files = _file_list(cursor, schema)
    if files != archive.manifest["files"]:
        problems.append(_("After loading, the files differ from the archive's list."))
    return problems


def _restore_public(archive: Archive, city: City) -> None:
    from apps.reporting.figures import rebuild_province_figures

    related = archive.public["related"]
    by_label = {model._meta.label_lower: model for model in _public_models()}
    unknown = sorted(set(related) - set(by_label))
    if unknown:
        raise ArchiveError(
            [
                _("The archive has public rows this platform cannot hold: %(names)s.")
                % {"names": ", ".join(unknown)}
            ]
        )
    for label, rows in related.items():
        model = by_label[label]
        fields = {f.attname: f for f in model._meta.concrete_fields}
        fields.update({f.name: f for f in model._meta.concrete_fields})
        objects = []
        for row in rows:
            values: dict[str, Any] = {}
            for name, value in row.items():
                f = fields.get(name)
                if f is None:
                    raise ArchiveError(
                        [
                            _("The archive's public rows have an unknown field %(name)s.")
                            % {"name": f"{label}.{name}"}
                        ]
                    )
                if f.many_to_one and f.related_model is Province:
                    values[f.name] = Province.objects.get(code=value) if value else None
                elif value is not None:
                    values[f.attname] = f.to_python(value) if not isinstance(f, models.JSONField) else value
                else:
                    values[f.attname] = None
            fk = next(f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is City)
            values[fk.name] = city
            objects.append(model(**values))
        model.objects.bulk_create(objects, batch_size=2000)
    if city.province is not None and related.get("reporting.monthlyfigure"):
        rebuild_province_figures(city.province)


@transaction.atomic
def import_city(*, archive: Archive, code: str, subdomain: str | None = None, actor=None) -> City:
    """Restores the archive as city ``code`` (at ``subdomain``, by default the code).
    All or nothing; raises ArchiveError naming every problem."""
    subdomain = subdomain or code
    problems = restore_problems(archive, code=code, subdomain=subdomain)
    if problems:
        raise ArchiveError(problems)
    source = archive.public["city"]
    province = Province.objects.filter(code=source["province"]).first() if source["province"] else None
    # The applied profile is kept as archived (with its sha256): under another code it
    # still names the original city, which is what the office's own documents say.
    profile = source["profile"] or {}
    city = City(
        schema_name=code,
        code=code,
        name_zh=source["name_zh"],
        name_en=source["name_en"],
        province=province,
        status=source["status"],
        profile=profile,
        profile_version=source["profile_version"],
        profile_sha256=source["profile_sha256"],
        profile_applied_at=timezone.now(),
    )
    city.save(verbosity=0)  # the schema: a clone of the template
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        _load_schema(cursor, archive, code)
        problems = verify(cursor, archive, code)
    if problems:
        raise ArchiveError(problems)
    connection.set_schema_to_public()
    Domain.objects.create(domain=f"{subdomain}.{settings.PLATFORM_DOMAIN}", tenant=city, is_primary=True)
    _restore_public(archive, city)
    db_roles.grant_schema_if_role_exists(code)
    manifest = archive.manifest
    audit.record(
        actor=actor,
        action="platform.import_city",
        obj=city,
        after={
            "from_code": manifest["city"]["code"],
            "source_domain": manifest["source_domain"],
            "created_at": manifest["created_at"],
            "subdomain": subdomain,
            "tables": len(manifest["tables"]),
            "rows": sum(info["rows"] for info in manifest["tables"].values()),
            "files": len(manifest["files"]),
        },
    )
    transaction.on_commit(routing_table.forget)
    return city


# -- archive and remove --------------------------------------------------------------------


def last_export_since_archived(city: City) -> AuditEntry | None:
    return (
        AuditEntry.objects.filter(
            action="platform.export_city", object_type="tenants.city", object_id=str(city.pk),
            occurred_at__gte=city.updated_at,
        )
        .order_by("-occurred_at")
        .first()
    )  # fmt: skip


@transaction.atomic
def remove_city(*, city: City, confirm_code: str, reason: str, actor=None) -> None:
    """Drops an archived city's schema and public rows, once it has been exported since it
    was archived and the operator typed its code."""
    from apps.reporting.figures import rebuild_province_figures

    connection.set_schema_to_public()
    city = City.offices.select_for_update().get(pk=city.pk)
    problems = []
    if city.status != City.Status.ARCHIVED:
        problems.append(_("Only an archived city can be removed: archive it first."))
    if confirm_code.strip() != city.code:
        problems.append(_("Type the city's code exactly to confirm."))
    if city.status == City.Status.ARCHIVED and last_export_since_archived(city) is None:
        problems.append(_("Export the city (its final archive) before removing it."))
    if not reason.strip():
        problems.append(_("A reason is required."))
    if problems:
        raise ArchiveError(problems)
    province = city.province
    audit.record(
        actor=actor,
        action="platform.remove_city",
        obj=city,
        before={"code": city.code, "status": city.status, "schema": city.schema_name,
                "domains": list(city.domains.values_list("domain", flat=True))},
        after={"reason": reason.strip()},
    )  # fmt: skip
    city.delete(force_drop=True)
    if province is not None:
        rebuild_province_figures(province)
    transaction.on_commit(routing_table.forget)


# -- running a restore or a removal from the web -----------------------------------------------


def run_as_owner(command: str, *args: str, actor=None) -> dict[str, Any]:
    """Runs ``import_city`` or ``remove_city`` (they create or drop a schema) as the
    database's owner and returns their JSON answer ``{"ok", "problems", ...}``.

    The web server connects as the least-privileged application role, which can neither
    create nor drop a schema (tenants/db_roles.py): there the command runs in a child
    process as the owner, as an operator's command does; a process that is already the
    owner (the tests, a shell) runs it in-process. Either way the same command code."""
    import os
    import subprocess
    import sys

    from django.core.management import call_command
    from django.utils import translation

    arguments = [*args, "--json", "--language", translation.get_language() or settings.LANGUAGE_CODE]
    if actor is not None and getattr(actor, "is_authenticated", False):
        arguments += ["--operator", actor.get_username()]
    if settings.DATABASE_ROLE == "owner":
        out = io.StringIO()
        with translation.override(translation.get_language()):
            call_command(command, *arguments, stdout=out)
        connection.set_schema_to_public()
        text = out.getvalue()
    else:
        environment = {**os.environ, "WAIBAN_DB_ROLE": "owner"}
        done = subprocess.run(  # noqa: S603 (our own manage.py, arguments as a list)
            [sys.executable, str(settings.REPO_ROOT / "manage.py"), command, *arguments],
            cwd=settings.REPO_ROOT, env=environment, capture_output=True, text=True, check=False,
            timeout=3600,
        )  # fmt: skip
        text = done.stdout
    lines = [line for line in text.splitlines() if line.startswith("{")]
    if not lines:
        return {"ok": False, "problems": [_("The operation could not be run; see the server's log.")]}
    return json.loads(lines[-1])
