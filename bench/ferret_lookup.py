"""The cost of one operation on the local engine as a collection grows: by `_id`, by `{_id, _rev}` (the store's
revision-checked write) and by an indexed field, beside `insert_one` (the raw baseline, same run, same collection).

    .venv/bin/python -m bench.ferret_lookup [--sizes 500 5000 50000] [--append]

FerretDB v1.24.2 pushes an equality filter down to PostgreSQL as `WHERE _jsonb->$1 @> $2`; its own indexes are
btrees on `(_jsonb->'field')`, which cannot serve `@>`. `deploy/local/postgres-setup.sql` gives each of them a GIN
twin on the same expression, and plans every statement with its parameters, so each lookup should cost the same at
any size: the last column compares every operation with itself at the smallest size (the issue's bound is 2×).
`tests/deploy/test_ferretdb_indexes.py` checks the plans themselves.
"""
from __future__ import annotations

import argparse
import asyncio
import time
import uuid

from bench import report
from shared import mongo

MONGO = "mongodb://127.0.0.1:27017/"
SAMPLES = 200
PAD = "x" * 500  # an aggregate-sized document


async def timed(operation, ids: list[str]) -> float:
    started = time.perf_counter()
    for document_id in ids:
        await operation(document_id)
    return (time.perf_counter() - started) / len(ids) * 1000


async def measure(size: int) -> dict[str, float]:
    client = mongo.connect(MONGO)
    name = "benchlookup" + uuid.uuid4().hex[:8]
    docs = client[name]["docs"]
    try:
        await docs.create_index("code", name="code")
        for start in range(0, size, 1000):
            await docs.insert_many([{"_id": f"e{i}", "_rev": 1, "code": f"c{i}", "pad": PAD}
                                    for i in range(start, min(size, start + 1000))])
        await asyncio.sleep(1)  # let autovacuum's analyze see the new rows, as it would in a running system
        step = max(1, size // SAMPLES)
        spread = [f"e{i}" for i in range(0, size, step)][:SAMPLES]
        return {
            "insert_one (baseline)": await timed(
                lambda i: docs.insert_one({"_id": "new" + i, "_rev": 1, "code": "n" + i, "pad": PAD}), spread),
            "find_one {_id}": await timed(lambda i: docs.find_one({"_id": i}), spread),
            "find_one {code} (indexed field)": await timed(lambda i: docs.find_one({"code": "c" + i[1:]}), spread),
            "update_one {_id}": await timed(lambda i: docs.update_one({"_id": i}, {"$set": {"k": 1}}), spread),
            "replace_one {_id, _rev}": await timed(
                lambda i: docs.replace_one({"_id": i, "_rev": 1}, {"_rev": 1, "code": "c" + i[1:], "pad": PAD}),
                spread),
            "delete_one {_id}": await timed(lambda i: docs.delete_one({"_id": i}), spread),
        }
    finally:
        await client.drop_database(name)
        await client.close()


async def main(args) -> None:
    rows, smallest = [], None
    for size in args.sizes:
        results = await measure(size)
        smallest = smallest or results
        baseline = results["insert_one (baseline)"]
        for operation, ms in results.items():
            growth = ms / smallest[operation]
            rows.append((f"{size:,}", operation, f"{ms:.2f}", f"{ms / baseline:.1f}", f"{growth:.2f}"))
            print(f"{size:>7,} docs  {operation:<32} {ms:8.2f} ms  ×{ms / baseline:.1f} of insert  "
                  f"×{growth:.2f} of itself at {args.sizes[0]:,}")
    if args.append:
        notes = (f"Each figure: the mean of {SAMPLES} operations on documents spread over the collection, 500-byte "
                 "documents, one client, one at a time. " + report.versions("pymongo") + "; " + report.engine()
                 + " (GIN twins and `plan_cache_mode = force_custom_plan`, `deploy/local/postgres-setup.sql`).")
        report.append("FerretDB operations against collection size", _command(args), rows,
                      ("documents", "operation", "ms", "÷ insert_one", f"÷ itself at {args.sizes[0]:,}"), notes=notes)


def _command(args) -> str:
    return f"python -m bench.ferret_lookup --sizes {' '.join(map(str, args.sizes))} --append"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--append", action="store_true", help="append the table to docs/benchmarks.md")
    asyncio.run(main(parser.parse_args()))
