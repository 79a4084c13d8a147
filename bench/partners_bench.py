"""Figure: partner search in either script at 50,000 partners and 500,000 links (exchanges,
visits, agreements) in one city.

Fills Hangzhou's register with partners named in Chinese and in Latin letters (cities,
consulates, organisations, media, Hong Kong/Macao bodies), a person for one in five, and
links to the modules' records (the partners' history), then asks, as a signed-in clerk:
``GET /api/v1/partners/partners/?q=`` by a Chinese name and by a Latin name (a different
name each request), ``GET /api/v1/partners/search/?q=`` (partners, people and history
together) and one partner's history page. Median and p95 of ``--requests`` requests each;
the target is p95 < 100 ms. The search columns carry pg_trgm GIN indexes
(apps/partners/migrations/0001), which the ``contains`` searches use.

    .venv/bin/python bench/partners_bench.py [--partners 50000] [--links 500000] [--requests 200]

Run alone it builds its own throw-away database ``waiban_bench_partners`` (not the shared
``waiban_bench``), dropped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import statistics
import time
from urllib.parse import urlencode

import _db
import _report

NAME = "partners"
TARGET_P95 = 0.100
CITY = "hangzhou"
WARM_UP = 5
DATABASE = os.environ.get("BENCH_PARTNERS_DATABASE", "waiban_bench_partners")
SYLLABLES_ZH = list(
    "安巴柏贝本比宾波伯布达德迪杜多厄法菲弗福伽戈格哈汉赫霍基加杰金卡凯科克库拉莱兰劳勒雷里利林卢鲁伦罗洛马迈曼梅蒙米明莫穆纳内尼努诺帕佩皮珀普齐奇乔切萨塞桑森莎什斯索塔泰坦特提托图瓦威维温沃乌西希夏谢休雅扬耶伊因尤约泽扎"
)
SYLLABLES_EN = [
    "an",
    "ba",
    "bel",
    "ber",
    "bi",
    "bo",
    "da",
    "de",
    "di",
    "do",
    "fa",
    "fe",
    "ga",
    "go",
    "ha",
    "han",
    "he",
    "ka",
    "ke",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "wa",
    "za",
    "zo",
    "burg",
    "ton",
    "ville",
    "stad",
    "berg",
]
KINDS = ["city", "city", "organisation", "consulate", "media", "hkmo"]
SUFFIX_ZH = {"city": "市", "organisation": "商会", "consulate": "总领事馆", "media": "日报", "hkmo": "协会"}
COUNTRIES = [
    "JP",
    "KR",
    "DE",
    "US",
    "GB",
    "FR",
    "IT",
    "RU",
    "BR",
    "VN",
    "TH",
    "SG",
    "AU",
    "CA",
    "ES",
    "NZ",
    "AT",
]
MODULES = ["sister_cities", "trips", "invitations", "consulates", "hk_macao"]
LINK_KINDS = ["agreement", "exchange", "visit_in", "visit_out", "contact", "correspondence", "event"]


def names(rng: random.Random) -> tuple[str, str]:
    n = rng.choice([2, 3, 3, 4])
    zh = "".join(rng.choice(SYLLABLES_ZH) for _ in range(n))
    en = "".join(rng.choice(SYLLABLES_EN) for _ in range(n)).title()
    return zh, en


def make(partners: int, links: int, *, seed: int = 7, batch: int = 5000) -> list[tuple[str, str, int]]:
    """Bulk-creates the register; returns a sample of (name_zh, name_en, id) to search for."""
    from django.db import connection, transaction

    from apps.partners.models import Partner, PartnerLink, Person
    from apps.registry import countries

    rng = random.Random(seed)
    country_words = {
        code: f"{countries.name_in(code, 'zh')} {countries.name_in(code, 'en')}" for code in COUNTRIES
    }
    sample: list[tuple[str, str, int]] = []
    made = 0
    while made < partners:
        with transaction.atomic():
            rows = []
            for _ in range(min(batch, partners - made)):
                kind = rng.choice(KINDS)
                zh, en = names(rng)
                country = rng.choice(COUNTRIES) if kind != "hkmo" else rng.choice(["HK", "MO"])
                name_zh = f"{zh}{SUFFIX_ZH[kind]}"
                words = f"{name_zh} {en} {en} {country_words.get(country, '')}"
                rows.append(
                    Partner(
                        kind=kind,
                        name_zh=name_zh,
                        name_en=en,
                        country=country,
                        place=en,
                        search_text=words.lower(),
                    )
                )
            created = Partner.objects.bulk_create(rows)
            Person.objects.bulk_create(
                Person(
                    partner=p,
                    name_latin=f"{names(rng)[1]} {names(rng)[1]}",
                    name_zh=names(rng)[0],
                    title="Mayor",
                    search_text="",
                )
                for p in created
                if rng.random() < 0.2
            )
            for p in created:
                if rng.random() < 0.002:
                    sample.append((p.name_zh, p.name_en, p.pk))
            made += len(created)
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM partners_partner")
        low, high = cursor.fetchone()
    today = datetime.date.today()
    made = 0
    while made < links:
        with transaction.atomic():
            rows = []
            for _ in range(min(batch, links - made)):
                made += 1
                title = f"{names(rng)[0]}代表团交流 {names(rng)[1]} visit"
                rows.append(
                    PartnerLink(
                        partner_id=rng.randint(low, high),
                        module=rng.choice(MODULES),
                        record_ref=f"bench:{made}",
                        kind=rng.choice(LINK_KINDS),
                        date=today - datetime.timedelta(days=rng.randrange(0, 365 * 15)),
                        title=title,
                        search_text=title.lower(),
                        follow_up_open=rng.random() < 0.02,
                    )
                )
            PartnerLink.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE partners_person SET search_text = lower(name_zh || ' ' || name_latin || ' ' || title)"
        )
        for table in ("partners_partner", "partners_person", "partners_partnerlink"):
            cursor.execute(f"ANALYZE {table}")
    return sample


def clear(city) -> None:
    from django.db import connection

    schema = city.schema_name
    with connection.cursor() as cursor:
        cursor.execute(
            f'TRUNCATE "{schema}"."partners_partnerlink", "{schema}"."partners_person", '
            f'"{schema}"."partners_consularjurisdiction", "{schema}"."partners_partner" CASCADE'
        )


def measure(client, label: str, paths: list[str], requests: int) -> list[float]:
    response = client.get(paths[0])
    if response.status_code != 200:
        raise RuntimeError(f"{paths[0]} answered {response.status_code}: {response.content[:300]!r}")
    for path in paths[:WARM_UP]:
        client.get(path)
    samples = []
    for n in range(requests):
        path = paths[n % len(paths)]
        start = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, path
    body = response.json()
    found = body.get("count", len(body.get("partners", [])))
    print(f"{label}: {_report.latency(samples)}; last answer: {found} found", flush=True)
    return samples


def run(partners: int, links: int, requests: int) -> list[_report.Row]:
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from apps.accounts import tokens
    from apps.accounts.models import User
    from tenants.models import City

    connection.set_schema_to_public()
    city = City.offices.select_related("province").get(code=CITY)
    with tenant_context(city):
        clear(city)
        print(f"generating {partners:,} partners and {links:,} links in {CITY} ...", flush=True)
        start = time.perf_counter()
        sample = make(partners, links)
        generation = time.perf_counter() - start
        print(f"generated in {generation:.1f} s; {len(sample)} names to search for", flush=True)
        clerk, _ = User.objects.get_or_create(username="bench_clerk", defaults={"role": "clerk"})
        _token, secret = tokens.issue(user=clerk, name="bench")
        busiest = connection.cursor()
        busiest.execute(
            "SELECT partner_id FROM partners_partnerlink GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        )
        busy_partner = busiest.fetchone()[0]
    connection.set_schema_to_public()
    client = Client(
        HTTP_HOST=f"{CITY}.localhost",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ACCEPT="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    api = "/api/v1/partners/partners/"
    scenarios = [
        ("q=<Chinese name>", [f"{api}?{urlencode({'q': zh})}" for zh, _en, _pk in sample]),
        ("q=<Latin name, lower case>", [f"{api}?{urlencode({'q': en.lower()})}" for _zh, en, _pk in sample]),
        (
            "q=<part of a Chinese name, 2 characters>",
            [f"{api}?{urlencode({'q': zh[:2]})}" for zh, _en, _pk in sample],
        ),
        (
            "search everything (partners, people, history) by Chinese name",
            [f"/api/v1/partners/search/?{urlencode({'q': zh})}" for zh, _en, _pk in sample],
        ),
        (
            "search everything by Latin name",
            [f"/api/v1/partners/search/?{urlencode({'q': en})}" for _zh, en, _pk in sample],
        ),
        ("history of the partner with the most links", [f"{api}{busy_partner}/history/"]),
    ]
    rows: list[_report.Row] = [
        (f"generate {partners:,} partners, {links:,} links", f"{generation:.1f} s", "")
    ]
    with tenant_context(city):
        rows.append(database_only(sample, requests))
    for label, paths in scenarios:
        samples = measure(client, label, paths, requests)
        p95 = _report.percentile(samples, 0.95)
        rows.append(
            (
                f"partner register API, {partners // 1000}k partners / {links // 1000}k links: {label}",
                f"median {statistics.median(samples) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
                _report.target(p95 * 1000, TARGET_P95 * 1000, " ms p95"),
            )
        )
    with tenant_context(city):
        clear(city)
    return rows


def database_only(sample, requests: int) -> _report.Row:
    """The search's own queries (first page and count, either script), without HTTP: what the
    trigram index gives, apart from the request's fixed costs."""
    from apps.partners import selectors

    samples = []
    for n in range(requests):
        zh, en, _pk = sample[n % len(sample)]
        q = zh if n % 2 else en
        start = time.perf_counter()
        rows = selectors.partners(q=q)
        rows.count()
        list(rows[:50])
        list(selectors.search_links(q)[:20])
        samples.append(time.perf_counter() - start)
    p95 = _report.percentile(samples, 0.95)
    print(f"queries only (partners page + count + history matches): {_report.latency(samples)}", flush=True)
    return (
        "partner search, the database's part (page, count, history matches)",
        f"median {statistics.median(samples) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms",
        _report.target(p95 * 1000, TARGET_P95 * 1000, " ms p95"),
    )


@contextlib.contextmanager
def own_database():
    """Under run_all.py: its prepared database. Alone: ``DATABASE`` built here, dropped after."""
    if os.environ.get(_db.PREPARED) == "1":
        with _db.bench_django() as url:
            yield url
        return
    url = _db.bench_url(_db.server_url(), DATABASE)
    _db.create(url, DATABASE)
    try:
        _db.setup_django(url)
        print(f"bench database {DATABASE}: setting up the platform ...", flush=True)
        _db.setup_platform()
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        _db.drop(url, DATABASE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=500_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with own_database():
        rows = run(args.partners, args.links, args.requests)
    _report.save(NAME, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
