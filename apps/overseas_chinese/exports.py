"""The register as CSV/XLSX downloads: identity and passport numbers masked, no birth dates."""

from apps.documents.exports import Column
from apps.overseas_chinese.models import LEGAL_BASES, SEXES
from apps.registry import countries
from apps.registry.i18n import label

PEOPLE_COLUMNS = [
    Column("id", {"zh": "编号", "en": "ID"}, lambda p: p.pk),
    Column("kind", {"zh": "类别", "en": "Category"}, lambda p: p.kind_label),
    Column("name", {"zh": "姓名", "en": "Name"}, lambda p: p.name),
    Column("foreign_name", {"zh": "外文名", "en": "Name abroad"}, lambda p: p.foreign_name),
    Column("sex", {"zh": "性别", "en": "Sex"}, lambda p: label(SEXES.get(p.sex, {}), p.sex)),
    Column(
        "country", {"zh": "侨居国家（地区）", "en": "Country or region"}, lambda p: countries.name(p.country)
    ),
    Column("id_number", {"zh": "身份证号（隐去）", "en": "Identity No. (masked)"}, lambda p: p.id_masked),
    Column("passport", {"zh": "护照号（隐去）", "en": "Passport (masked)"}, lambda p: p.passport_masked),
    Column("unit", {"zh": "所在区县", "en": "District"}, lambda p: p.unit_code and _unit(p.unit_code)),
    Column(
        "legal_basis",
        {"zh": "信息收集依据", "en": "Legal basis"},
        lambda p: label(LEGAL_BASES.get(p.legal_basis, {}), p.legal_basis),
    ),
]


def _unit(code: str) -> str:
    from apps.registry.units import unit_label

    return unit_label(code)
