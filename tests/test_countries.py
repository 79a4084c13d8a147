"""Country and region names as Chinese officials write them, in both languages."""

import re

import pycountry
import pytest
from django.utils import translation

from apps.registry import countries


@pytest.mark.parametrize(
    ("code", "chinese"),
    [("KH", "柬埔寨"), ("MT", "马耳他"), ("GT", "危地马拉"), ("KR", "韩国"), ("KP", "朝鲜"),
     ("LA", "老挝"), ("IR", "伊朗"), ("KG", "吉尔吉斯斯坦"), ("BD", "孟加拉国"), ("CD", "刚果（金）"),
     ("CG", "刚果（布）"), ("JP", "日本"), ("DE", "德国"), ("HK", "香港"), ("MO", "澳门")],
)  # fmt: skip
def test_standard_chinese_names(code, chinese):
    with translation.override("zh-hans"):
        assert countries.name(code) == chinese


def test_every_chinese_name_is_a_short_standard_name():
    with translation.override("zh-hans"):
        names = {country.alpha_2: countries.name(country.alpha_2) for country in pycountry.countries}
    for code, name in names.items():
        assert re.fullmatch(r"[\u4e00-\u9fff（）、·\-]+", name), (code, name)  # no Latin, no ASCII brackets
        assert "共和国" not in name or code in {"CF", "DO"}, (code, name)  # 中非共和国, 多米尼加共和国
    assert len(set(names.values())) == len(names)  # no two codes share a name


def test_every_english_name_reads_as_a_name():
    with translation.override("en"):
        names = {country.alpha_2: countries.name(country.alpha_2) for country in pycountry.countries}
    assert names["CD"] == "Democratic Republic of the Congo" and names["KR"] == "South Korea"
    for code, name in names.items():
        assert ", The " not in name and not name.endswith(" of"), (code, name)
    assert len(set(names.values())) == len(names)
