"""Employer search (`GET /registry/employers?name=…`) on the local engine: the name filter as it was (a `$regex`
over every document) beside the indexed one (`name_grams`, services/registry/adapters/repositories/employers.py),
interleaved on the same seeded register so both see the same load, with an equality filter for reference.

    .venv/bin/python -m bench.registry_search [--employers 1000] [--repeat 10]

Each line is one query of the listing (a page of 20 and its `total_count`, as `AggregateRepository.page` does),
the mean of `--repeat` calls in ms. FerretDB v1 answers only equality filters in PostgreSQL (bench/ferret_lookup.py):
a `$regex` decodes every document of the collection, an equality on an indexed field only the candidates.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import re
import time
import uuid
from datetime import date

from services.registry.adapters.repositories.employers import EmployerRepository, _narrowing_gram
from services.registry.domain import employer as rules
from shared import mongo
from shared.concurrency import KeyedLock
from shared.store import AggregateStore
from tests.e2e.flows import new_uscc

MONGO = "mongodb://127.0.0.1:27017/"
DISTRICTS = ("110101", "110102", "110105", "110106", "110108", "110114")
WORDS = ("海淀", "朝阳", "中关村", "望京", "科技", "信息", "建筑", "餐饮", "物流", "文化", "医药", "教育")


def company(k: int) -> str:
    rng = random.Random(k)
    return f"北京{rng.choice(WORDS)}{rng.choice(WORDS)}{k:04d}有限公司"


async def seed(employers: EmployerRepository, count: int) -> None:
    for k in range(count):
        district = DISTRICTS[k % len(DISTRICTS)]
        employer, _ = rules.register(str(uuid.uuid4()), company(k), new_uscc(), district, f"{district}{k:06d}",
                                     date(2026, 11, 20))
        await employers.add(employer, [])  # no pending events: the document as the relay leaves it


def before(name: str) -> dict:
    return {"name": {"$regex": re.escape(name)}}


def after(name: str) -> dict:
    return {"name_grams": _narrowing_gram(name), "name": {"$regex": re.escape(name), "$options": "i"}}


async def timed(employers: EmployerRepository, query: dict) -> tuple[float, int]:
    started = time.perf_counter()
    found = await employers.page(query, 1, 20)
    return (time.perf_counter() - started) * 1000, found.total


async def main(count: int, repeat: int) -> None:
    client = mongo.connect(MONGO)
    name = "benchsearch" + uuid.uuid4().hex[:8]
    db = client[name]
    employers = EmployerRepository(AggregateStore(db["employers"], db["outbox"], KeyedLock(), source="/bench"))
    try:
        await employers.ensure_indexes()
        await seed(employers, count)
        await asyncio.sleep(1)  # autovacuum's analyze, as in a running system
        cases = {"name=中关村 $regex (before)": before("中关村"), "name=中关村 name_grams (after)": after("中关村"),
                 "name=京0 $regex (before)": before("京0"), "name=京0 name_grams (after)": after("京0"),
                 "name=0042 $regex (before)": before("0042"), "name=0042 name_grams (after)": after("0042"),
                 "district_code=110108 (equality, both)": {"district_code": "110108"}}
        times: dict[str, list[float]] = {label: [] for label in cases}
        totals: dict[str, int] = {}
        for _ in range(repeat):  # interleaved: every query sees the same load
            for label, query in cases.items():
                ms, totals[label] = await timed(employers, query)
                times[label].append(ms)
        print(f"{count} employers, mean of {repeat} interleaved calls (a page of 20 + total_count)")
        for label, samples in times.items():
            print(f"  {label:40s} {sum(samples) / len(samples):8.1f} ms   total_count={totals[label]}")
    finally:
        await client.drop_database(name)
        await client.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.employers, arguments.repeat))
