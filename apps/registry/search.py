"""The one list search of every module: a lower-case ``search_text`` column, indexed.

Every model with a ``search_text`` column (lower case, what its list's search looks in:
names in both scripts, titles, numbers) gets a GIN index on the column's overlapping two-
and three-character pieces (``public.waiban_grams``, migration tenants 0002), added to its
``Meta.indexes`` when the registry app is ready, so each module's migrations carry it
(``makemigrations``) and no module has to remember it. ``matching`` asks for the query's
pieces (the index finds the few candidate rows) and then for the text itself (exact): a
two-character query (a Chinese name, 王伟, which pg_trgm's trigrams cannot index) for its
one two-character piece, a longer one for its three-character pieces (as selective as
pg_trgm's; two-character pieces of Latin text are too common). A one-character query has
no piece and scans.

    from apps.registry import search
    rows = search.matching(Visit.objects.all(), q)

At 100,000 rows a word or a two-character name answers in a few milliseconds (bench/).
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models

COLUMN = "search_text"


class Grams(models.Func):
    """The distinct overlapping two- and three-character pieces of a text, as an array."""

    function = "public.waiban_grams"
    output_field = ArrayField(models.TextField())


def query_pieces(q: str) -> list[str]:
    """What the index is asked for: a two-character query itself, a longer one's
    three-character pieces."""
    if len(q) < 2:
        return []
    if len(q) == 2:
        return [q]
    return sorted({q[i : i + 3] for i in range(len(q) - 2)})


def normalized(q: str | None) -> str:
    return (q or "").strip().lower()


def matching(queryset: models.QuerySet, q: str | None, column: str = COLUMN) -> models.QuerySet:
    """The rows of ``queryset`` whose ``column`` contains ``q`` (any case), by the index."""
    q = normalized(q)
    if not q:
        return queryset
    queryset = queryset.filter(**{f"{column}__contains": q})
    pieces = query_pieces(q)
    if not pieces:
        return queryset
    alias = f"_{column}_grams"
    return queryset.alias(**{alias: Grams(models.F(column))}).filter(**{f"{alias}__contains": pieces})


def index_name(model: type[models.Model], column: str = COLUMN) -> str:
    """A stable name within PostgreSQL's and Django's limits (30 characters)."""
    table = model._meta.db_table
    digest = hashlib.md5(f"{table}.{column}".encode(), usedforsecurity=False).hexdigest()[:6]
    return f"{table[:19]}_{digest}_bg"


def pieces_index(model: type[models.Model], column: str = COLUMN) -> GinIndex:
    return GinIndex(Grams(models.F(column)), name=index_name(model, column))


def searchable_models() -> list[type[models.Model]]:
    """Every installed concrete model with a search column."""
    found = []
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if COLUMN in names and not model._meta.proxy and model._meta.managed:
            found.append(model)
    return found


def index_search_columns() -> None:
    """Adds the pieces index to every searchable model's ``Meta.indexes`` (once)."""
    for model in searchable_models():
        name = index_name(model)
        if all(index.name != name for index in model._meta.indexes):
            model._meta.indexes = [*model._meta.indexes, pieces_index(model)]
            # What migrations read (ModelState.from_model), as if Meta had declared it.
            model._meta.original_attrs["indexes"] = model._meta.indexes
