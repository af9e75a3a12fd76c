"""Workforce's staffing overview and its list of communities awaiting reassignment, on the real database, at a
district's scale: ~100 communities (a fifth of them abolished, their workers not yet moved) and a few thousand
workers, seeded straight into the stores (no events, no claims).

    .venv/bin/python -m bench.workforce_staffing [--communities 100] [--workers 3000]

It times the use cases the two GETs call (`application/staffing.py`), the whole listing: one call where the use
case answers a bare list (before issue 21), every page of 200 where it answers pages. To compare with an older
tree, run this file with that tree on the path: `cd <tree> && PYTHONPATH=. python <this file>`.
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import inspect
import os
import time
from datetime import date

from services.workforce.application import staffing as cases
from services.workforce.bootstrap import bootstrap
from services.workforce.domain import worker as worker_rules
from services.workforce.domain.staffing import Community, ProjectedCommunity, Verdict
from shared.config import Settings
from tests.services.workforce.factory import a_hire, resident_id
from tests.support.namespace import new_namespace

MONGO = os.environ.get("MONGO_URL", "mongodb://127.0.0.1:27017/")
ABOLISHED_EVERY = 5  # one community in five abolished, its workers awaiting reassignment


async def seed(container, communities: int, workers: int) -> None:
    hires = [worker_rules.hire(f"w{i:05d}", a_hire(community_id=f"c{i % communities:03d}",
                                                   resident_id=resident_id(date(1990, 1, 1))), 40)[0]
             for i in range(workers)]
    per_community: dict[str, int] = {}
    for w in hires:
        per_community[w.community_id] = per_community.get(w.community_id, 0) + 1
    codec = container.workers.codec
    await container.workers.store.insert_many([(w.id, codec.to_document(w), []) for w in hires])
    records = []
    for i in range(communities):
        cid = f"c{i:03d}"
        abolished = date(2026, 3, 1) if i % ABOLISHED_EVERY == 0 else None
        community = Community(cid, f"社区{i}", rural=i % 3 == 0, households=1200 + 17 * i, migrants=300 * i,
                              district_code="110108", abolished_on=abolished)
        projected = ProjectedCommunity(community, Verdict(short=True, counted=per_community.get(cid, 0)))
        if any(f.name == "active_workers" for f in dataclasses.fields(ProjectedCommunity)):
            projected = dataclasses.replace(projected, active_workers=per_community.get(cid, 0))
        records.append((cid, container.communities.codec.to_document(projected), []))
    await container.communities.store.insert_many(records)


async def whole_listing(use_case, deps) -> tuple[int, float]:
    """Rows of the whole listing and the seconds it took."""
    started = time.perf_counter()
    if len(inspect.signature(use_case).parameters) == 1:  # a bare list
        rows = len(await use_case(deps))
    else:
        from shared.paging import PageRequest
        rows, page = 0, 1
        while True:
            items, total = await use_case(deps, PageRequest(page, 200))
            rows += len(items)
            if rows >= total or not items:
                break
            page += 1
    return rows, time.perf_counter() - started


async def main(communities: int, workers: int, repeats: int) -> None:
    namespace = new_namespace()
    container = bootstrap(Settings(service="workforce", namespace=namespace, mongo_url=MONGO))
    try:
        await container.init_db()
        await seed(container, communities, workers)
        for name, use_case in (("staffing overview", cases.staffing_overview),
                               ("awaiting reassignment", cases.needing_reassignment)):
            timings = []
            for _ in range(repeats):
                rows, seconds = await whole_listing(use_case, container.staffing)
                timings.append(seconds)
            print(f"{name:22} {rows:4d} rows  best {min(timings):6.3f} s  worst {max(timings):6.3f} s "
                  f"({communities} communities, {workers} workers, {repeats} runs)")
    finally:
        await container.runtime.client.drop_database(container.runtime.db.name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--workers", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.communities, args.workers, args.repeats))
