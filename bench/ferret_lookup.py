"""Where the saga's and the event pipeline's time goes on FerretDB v1.24.2 (SQLite): the cost of one operation by
`_id` as the collection grows, beside `insert_one` (the raw baseline, same run, same collection).

    .venv/bin/python -m bench.ferret_lookup [--sizes 500 5000 20000] [--append]

FerretDB pushes a `{_id: <string>}` filter down as `WHERE _ferretdb_sjson->'$._id' = ?`, but indexes `_id` as
`_ferretdb_sjson->"_id"`. SQLite matches index expressions by their text, so the pushed-down query does not use
the index: every read, update and delete by `_id` scans the table until the document turns up (`LIMIT 1` stops
it early, so the newest documents cost most). A filter of more than the `_id` (our store's `{_id, _rev}`) is not
pushed down at all: FerretDB decodes document after document in Go. The script prints SQLite's plan for both
expressions on a table built like FerretDB's, then times each operation on the last-inserted documents.
"""
from __future__ import annotations

import argparse
import asyncio
import sqlite3
import time
import uuid

from bench import report
from shared import mongo

MONGO = "mongodb://127.0.0.1:27017/"
SAMPLES = 30
PAD = "x" * 500  # an aggregate-sized document


def query_plans() -> dict[str, str]:
    """SQLite's plan for FerretDB's pushed-down `_id` filter, and for the expression its `_id` index is built on."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (_ferretdb_sjson TEXT NOT NULL) STRICT")
    db.execute('CREATE UNIQUE INDEX t__id_ ON t (_ferretdb_sjson->"_id")')  # as FerretDB creates it
    plans = {}
    for label, expression in (("pushed down ->'$._id'", "_ferretdb_sjson->'$._id'"),
                              ("index's ->'_id'", "_ferretdb_sjson->'_id'")):
        rows = db.execute(f"EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM t WHERE {expression} = ?", ('"e1"',))
        plans[label] = "; ".join(row[-1] for row in rows)
    return plans


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
        for start in range(0, size, 1000):
            await docs.insert_many([{"_id": f"e{i}", "_rev": 1, "pad": PAD}
                                    for i in range(start, min(size, start + 1000))])
        newest = [f"e{size - 1 - i}" for i in range(SAMPLES)]
        return {
            "insert_one (baseline)": await timed(lambda i: docs.insert_one({"_id": "new" + i, "_rev": 1, "pad": PAD}),
                                                 newest),
            "find_one {_id}": await timed(lambda i: docs.find_one({"_id": i}), newest),
            "update_one {_id}": await timed(lambda i: docs.update_one({"_id": i}, {"$set": {"k": 1}}), newest),
            "replace_one {_id, _rev}": await timed(
                lambda i: docs.replace_one({"_id": i, "_rev": 1}, {"_rev": 1, "pad": PAD}), newest),
            "delete_one {_id}": await timed(lambda i: docs.delete_one({"_id": i}), newest),
        }
    finally:
        await client.drop_database(name)
        client.close()


async def main(args) -> None:
    plans = query_plans()
    for label, plan in plans.items():
        print(f"SQLite plan, {label}: {plan}")
    rows = []
    for size in args.sizes:
        results = await measure(size)
        baseline = results["insert_one (baseline)"]
        for operation, ms in results.items():
            rows.append((f"{size:,}", operation, f"{ms:.2f}", f"{ms / baseline:.1f}"))
            print(f"{size:>7,} docs  {operation:<24} {ms:8.2f} ms  ×{ms / baseline:.1f}")
    if args.append:
        notes = ("Each figure: the mean of 30 operations on the newest documents (a scan finds them last), "
                 "500-byte documents, one client, no other load. SQLite's plan on a table built like FerretDB's: "
                 + "; ".join(f"{label} → {plan}" for label, plan in plans.items())
                 + ". " + report.versions("motor", "pymongo") + "; FerretDB v1.24.2 (SQLite).")
        report.append("FerretDB operations by _id against collection size", _command(args), rows,
                      ("documents", "operation", "ms", "÷ insert_one"), notes=notes)


def _command(args) -> str:
    return f"python -m bench.ferret_lookup --sizes {' '.join(map(str, args.sizes))} --append"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--append", action="store_true", help="append the table to docs/benchmarks.md")
    asyncio.run(main(parser.parse_args()))
