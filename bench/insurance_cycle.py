"""A full monthly collection cycle on the real FerretDB, against a raw bulk-insert baseline in the same run.

    .venv/bin/python -m bench.insurance_cycle                       # 2 000 accounts / 20 000 persons (minutes)
    .venv/bin/python -m bench.insurance_cycle --accounts 100000 --persons 1000000 --append docs/benchmarks.md

Each step is the service's own use case (`MonthlyCycle`): statements (bulk read of accounts, persons and bases;
one statement document per account, bulk-written), the bank's results for every bank-debit account (a third
paid, a third short, a third failed), and the month close (one close record per account inserted in bulk,
`insurance.month.closed` events written in batches of 1 000 per document to the outbox; the relay is off,
publishing is not measured). The baseline inserts as many statement-shaped documents with `insert_many` in chunks
of 1 000. The longest single database round trip of each step is reported too (pymongo command monitoring): the
driver gives up on one after 15 s (`shared/mongo.connect`). On FerretDB v1 a read matching nothing scans its whole
collection in one round trip; the close used to make such reads (the previous month's statements and payments,
this month's closes and settlements) and timed out at full size; it now reads only what can exist
(`StatementRepository.before_close`, and the previous month's streaks only once that month was closed).
"""
from __future__ import annotations

import argparse
import asyncio
import platform
import subprocess
import time
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pymongo
from pymongo import monitoring

from services.insurance.bootstrap import bootstrap
from services.insurance.adapters.repositories.accounts import ACCOUNTS
from services.insurance.domain.account import PaymentMethod, open_for, set_payment_method
from services.insurance.domain.calendar import Period
from services.insurance.domain.members import Member
from bench import report as bench_report
from shared import mongo
from shared.config import Settings
from shared.events import EmployerRegistered

PERIOD = Period(2026, 11)
CHUNK = 1000


class _LongestCommand(monitoring.CommandListener):
    """The longest database round trip per step (the socket timeout applies to each one)."""

    def __init__(self) -> None:
        self.step, self.longest = "setup", {}

    def started(self, event) -> None:
        pass

    def succeeded(self, event) -> None:
        seconds = event.duration_micros / 1e6
        if seconds > self.longest.get(self.step, (0.0, ""))[0]:
            self.longest[self.step] = (seconds, event.command_name)

    def failed(self, event) -> None:
        self.succeeded(event)


LONGEST = _LongestCommand()
monitoring.register(LONGEST)  # before any client is created


async def _seed(container, accounts: int, persons: int) -> None:
    """Accounts straight into their collection (the aggregate's stored shape), persons and bases in bulk."""
    docs = []
    for i in range(accounts):
        event = EmployerRegistered(employer_id=f"e{i:06d}", name=f"单位{i}", uscc="91110108551385082Q",
                                   district_code="110108", registered_on=date(2026, 1, 5))
        account, _ = open_for(None, event, date(2026, 1, 5))
        if i % 10 == 9:
            account = set_payment_method(account, PaymentMethod.CASH_CHEQUE)
        docs.append({**ACCOUNTS.to_document(account), "_id": account.employer_id, "_rev": 1, "_outbox": [],
                     "_applied": []})
    collection = container.runtime.db["accounts"]
    for i in range(0, len(docs), CHUNK):
        await collection.insert_many(docs[i:i + CHUNK], ordered=False)
    members = [Member(f"P{n:09d}", f"e{n % accounts:06d}", "某某", date(2026, 3, 10)) for n in range(persons)]
    await container.members.insert_many(members)
    await container.bases.write_bases(2026, {m.resident_id: Decimal(6000 + (n % 50) * 431) for n, m in
                                             enumerate(members)})


async def _baseline(db, count: int) -> float:
    """Raw insert_many of statement-shaped documents: the floor any bulk write here can reach."""
    line = {"employer": "1234.56", "individual": "617.28"}
    docs = [{"_id": f"b{i}", "employer_id": f"e{i:06d}", "period": "2026-11", "headcount": 10, "status": "issued",
             "unpaid_streak": 0, "lines": [{"type": t} | line for t in ("pension", "unemployment", "work_injury",
                                                                         "maternity")],
             "received": {t: "0.00" for t in ("pension", "unemployment", "work_injury", "maternity")},
             "settled_on": None, "late_fees_paid": "0.00"} for i in range(count)]
    started = time.perf_counter()
    for i in range(0, count, CHUNK):
        await db["baseline"].insert_many(docs[i:i + CHUNK], ordered=False)
    return time.perf_counter() - started


async def _timed(label: str, results: dict, coro):
    LONGEST.step = label
    started = time.perf_counter()
    value = await coro
    results[label] = time.perf_counter() - started
    longest, command = LONGEST.longest.get(label, (0.0, "-"))
    results[f"{label}:longest"] = (longest, command)
    print(f"  {label:<14} {results[label]:8.1f} s   longest round trip {longest:5.2f} s ({command})", flush=True)
    return value


async def run(accounts: int, persons: int, mongo_url: str) -> dict:
    namespace = "bench" + uuid.uuid4().hex[:8]
    settings = Settings(service="insurance", namespace=namespace, mongo_url=mongo_url, outbox_relay_enabled=False)
    container = bootstrap(settings)
    results: dict = {}
    try:
        await container.init_db()
        await _timed("seed", results, _seed(container, accounts, persons))
        await _timed("baseline", results, _baseline(container.runtime.db, accounts))
        cycle = container.cycle
        made = await _timed("statements", results, cycle.generate_statements(PERIOD, date(2026, 11, 28)))
        rows = await _timed("debit-file", results, cycle.debit_file(PERIOD))
        bank = [{"employer_id": e, "amount": str([a, (a / 2).quantize(Decimal("0.01")), 0][n % 3])}
                for n, (e, a) in enumerate(rows)]
        await _timed("debit-results", results, cycle.record_payments(PERIOD, "first", bank, date(2026, 12, 4)))
        closing = await _timed("close", results, cycle.close(PERIOD, date(2026, 12, 31)))
        results |= {"statements_written": made, "debited": len(bank), "closed": len(closing.statements),
                    "events": len(closing.events)}
    finally:
        client = mongo.connect(mongo_url)
        await client.drop_database(settings.database_name)
        await client.close()
        await container.runtime.client.close()
    return results


def report(args, r: dict) -> str:
    base_rate = args.accounts / r["baseline"]
    step_docs = {"statements": r["statements_written"], "debit-results": r["debited"], "close": r["closed"]}
    lines = [f"\n## insurance monthly cycle — {date.today().isoformat()}, {args.accounts} accounts / "
             f"{args.persons} insured persons\n",
             f"Machine: {_sh('nproc')} cores, memory: {_sh('free -h').splitlines()[1].split()[1]} total; "
             f"Python {platform.python_version()}, pymongo {pymongo.version} (async API), "
             f"{bench_report.engine()}.\n",
             "| step | seconds | documents | docs/s | ratio to baseline | longest round trip |",
             "|---|---|---|---|---|---|",
             f"| baseline: raw insert_many | {r['baseline']:.1f} | {args.accounts} | {base_rate:,.0f} | 1.00 | "
             f"{_longest(r, 'baseline')} |"]
    for step, docs in step_docs.items():
        rate = docs / r[step]
        lines.append(f"| {step} | {r[step]:.1f} | {docs} | {rate:,.0f} | {rate / base_rate:.2f} | "
                     f"{_longest(r, step)} |")
    lines.append(f"| debit-file (read only) | {r['debit-file']:.1f} | {r['debited']} rows | | | "
                 f"{_longest(r, 'debit-file')} |")
    lines.append(f"\nSeeding {args.persons} persons + bases and {args.accounts} accounts took {r['seed']:.1f} s; "
                 f"the close wrote {r['events']} `insurance.month.closed` events to the outbox "
                 f"({-(-r['events'] // CHUNK)} batch documents).\n")
    return "\n".join(lines)


def _longest(r: dict, step: str) -> str:
    seconds, command = r[f"{step}:longest"]
    return f"{seconds:.2f} s ({command})"


def _sh(command: str) -> str:
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--mongo-url", default="mongodb://127.0.0.1:27017/")
    parser.add_argument("--append", type=Path, help="append the report to this markdown file (one write)")
    args = parser.parse_args()
    print(f"insurance cycle: {args.accounts} accounts / {args.persons} persons", flush=True)
    text = report(args, asyncio.run(run(args.accounts, args.persons, args.mongo_url)))
    print(text)
    if args.append:
        with args.append.open("a", encoding="utf-8") as out:
            out.write(text + "\n")


if __name__ == "__main__":
    main()
