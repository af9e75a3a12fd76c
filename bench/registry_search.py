"""Employer search (`GET /registry/employers?name=&district_code=&status=`) on the local engine, through the
repository the route uses, at a register of `--employers` units seeded into a scratch database (dropped after).

    .venv/bin/python -m bench.registry_search [--employers 1000] [--repeat 20]

Each line is one query of the listing (the page and its `total_count`), its mean over `--repeat` calls. FerretDB
v1 pushes only equality filters down to PostgreSQL (see bench/ferret_lookup.py): a `$regex` on the name is
answered by decoding every document, an equality on an indexed field is not.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid

from services.registry.adapters.repositories.employers import EmployerRepository
from services.registry.domain import employer as rules
from shared import mongo
from shared.concurrency import KeyedLock
from shared.paging import PageRequest
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
        employer, events = rules.register(str(uuid.uuid4()), company(k), new_uscc(), DISTRICTS[k % len(DISTRICTS)],
                                          f"{DISTRICTS[k % len(DISTRICTS)]}{k:06d}", rules.date(2026, 11, 20))
        await employers.add(employer, events)
    await employers.collection.database["outbox"].delete_many({})


async def timed(call, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        await call()
    return (time.perf_counter() - started) / repeat * 1000


async def main(count: int, repeat: int) -> None:
    client = mongo.connect(MONGO)
    name = "benchsearch" + uuid.uuid4().hex[:8]
    db = client[name]
    employers = EmployerRepository(AggregateStore(db["employers"], db["outbox"], KeyedLock(), source="/bench"))
    try:
        await employers.ensure_indexes()
        await seed(employers, count)
        await asyncio.sleep(1)  # autovacuum's analyze, as in a running system
        first = PageRequest(1, 20)
        queries = {
            "no filter": dict(),
            "name=中关村 (a word of the name)": dict(name="中关村"),
            "name=0042 (a rare part)": dict(name="0042"),
            "district_code=110108": dict(district="110108"),
            "status=registered": dict(status="registered"),
            "name=科技 + district_code=110108": dict(name="科技", district="110108"),
        }
        print(f"{count} employers, mean of {repeat} calls, ms per listing call (page of 20 + total_count)")
        for label, filters in queries.items():
            found = await employers.search(paging=first, **filters)
            ms = await timed(lambda f=filters: employers.search(paging=first, **f), repeat)
            print(f"  {label:38s} {ms:8.1f} ms   total_count={found.total}")
    finally:
        await client.drop_database(name)
        await client.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.employers, arguments.repeat))
