"""Reads of the public schema. The template schema never appears in any of them."""

from __future__ import annotations

from django.db.models import QuerySet

from tenants.models import City, Province


def offices() -> QuerySet[City]:
    return City.offices.select_related("province").prefetch_related("domains").order_by("code")


def office_list() -> QuerySet[City]:
    """The offices for a list of rows: without the profiles (30 kB of JSON a city)."""
    return offices().defer("profile", "province__profile")


def city_by_code(code: str) -> City | None:
    return offices().filter(code=code).first()


def cities_of_province(province: Province) -> QuerySet[City]:
    return offices().filter(province=province, status=City.Status.ACTIVE)


def provinces() -> QuerySet[Province]:
    return Province.objects.order_by("code")
