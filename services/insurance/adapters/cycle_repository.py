"""Statements and what happened to them, as write-once documents (one per account, month and step).

The cycle writes a city's worth of documents per step: `insert_many` writes thousands per round trip, while a
rewrite is one round trip per document (and on FerretDB v1 an unlocked read-modify-write). So the cycle never
rewrites a document: each step inserts its own record, keyed so it can exist only once —
`statements` `<month>:<account>` (generated), `payments` `<month>:<account>:<batch>` (each debit result or
receipt), `closes` `<month>:<account>` (month end), `settlements` `<month>:<account>` (arrears repaid).
A statement's state is the generated statement with its payments replayed, then its close and settlement.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timezone
from decimal import Decimal

from services.insurance.domain.rates import InsuranceType
from services.insurance.domain.statement import Line, Statement, StatementStatus, replay
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import BulkWriteError, Collection, Database, DuplicateKeyError
from shared.store import AggregateStore

CHUNK = 1000
DUPLICATE_KEY = 11000


class StepAlreadyRun(Conflict):
    code = "cycle-step-already-run"
    title = "This step of the monthly cycle has already run"


class StatementRepository:
    def __init__(self, db: Database) -> None:
        self._statements: Collection = db["statements"]
        self._payments: Collection = db["payments"]
        self._closes: Collection = db["closes"]
        self._settlements: Collection = db["settlements"]

    async def ensure_indexes(self) -> None:
        for collection in (self._statements, self._payments, self._closes, self._settlements):
            await collection.create_index([("period", 1)], name="period")
            await collection.create_index([("employer_id", 1)], name="employer")
        await self._closes.create_index([("open", 1)], name="open")

    async def add_statements(self, statements: list[Statement]) -> None:
        await insert_all(self._statements, (_statement_doc(s) for s in statements))

    async def add_payments(self, period: str, batch: str, amounts: dict[str, Decimal]) -> None:
        at = datetime.now(timezone.utc)
        await insert_all(self._payments, ({"_id": f"{period}:{e}:{batch}", "period": period, "employer_id": e,
                                           "amount": str(a), "at": at} for e, a in amounts.items()))

    async def add_closes(self, statements: list[Statement]) -> None:
        await insert_all(self._closes, ({"_id": _key(s.employer_id, s.period), "period": s.period,
                                         "employer_id": s.employer_id, "status": s.status.value,
                                         "unpaid_streak": s.unpaid_streak, "open": s.outstanding > 0}
                                        for s in statements))

    async def add_settlements(self, statements: list[Statement]) -> None:
        await insert_all(self._settlements, ({"_id": _key(s.employer_id, s.period), "period": s.period,
                                              "employer_id": s.employer_id, "settled_on": s.settled_on.isoformat(),
                                              "late_fees_paid": str(s.late_fees_paid)} for s in statements))

    async def before_close(self, period: str) -> dict[str, Statement]:
        """A month before its close: its statements with their payments replayed. Its closes and settlements
        cannot exist yet, so they are not read: a round trip saved per collection."""
        query = {"period": period}
        payments = await self._payments_by_key(query, None)
        statements = [_statement(d) async for d in self._statements.find(query)]
        return {s.employer_id: replay(s, payments.get(_key(s.employer_id, s.period), [])) for s in statements}

    async def unpaid_streaks(self, period: str) -> dict[str, int]:
        """Each account's run of fully unpaid months as of the close of `period` (from its close records only)."""
        cursor = self._closes.find({"period": period}, {"employer_id": 1, "unpaid_streak": 1})
        return {d["employer_id"]: d["unpaid_streak"] async for d in cursor}

    async def of_employer(self, employer_id: str) -> list[Statement]:
        query = {"employer_id": employer_id}
        return sorted(await self._assemble(query, query), key=lambda s: s.period)

    async def open_arrears(self, employer_id: str | None = None) -> list[Statement]:
        """Closed months with an outstanding amount and no settlement (all accounts when employer_id is None)."""
        closes = {"open": True} | ({"employer_id": employer_id} if employer_id else {})
        keys = [d["_id"] async for d in self._closes.find(closes, {"_id": 1})]
        found: list[Statement] = []
        for i in range(0, len(keys), CHUNK):
            chunk = keys[i:i + CHUNK]
            found += await self._assemble({"_id": {"$in": chunk}}, {"_id": {"$in": chunk}}, payments_of=chunk)
        return [s for s in found if s.status is StatementStatus.CLOSED]

    async def _assemble(self, query: dict, facts: dict, payments_of: list[str] | None = None) -> list[Statement]:
        statements = [_statement(d) async for d in self._statements.find(query)]
        payments = await self._payments_by_key(query if payments_of is None else None, payments_of)
        closes = {d["_id"]: d async for d in self._closes.find(facts)}
        settled = {d["_id"]: d async for d in self._settlements.find(facts)}
        return [_with_facts(s, payments.get(_key(s.employer_id, s.period), []), closes, settled)
                for s in statements]

    async def _payments_by_key(self, query: dict | None, keys: list[str] | None) -> dict[str, list[Decimal]]:
        if keys is not None:
            periods = {k.split(":", 1)[0] for k in keys}
            employers = [k.split(":", 1)[1] for k in keys]
            query = {"period": {"$in": sorted(periods)}, "employer_id": {"$in": employers}}
        by_key: dict[str, list[tuple]] = {}
        async for d in self._payments.find(query):
            by_key.setdefault(_key(d["employer_id"], d["period"]), []).append((d["at"], d["_id"], Decimal(d["amount"])))
        return {k: [amount for *_, amount in sorted(v)] for k, v in by_key.items()}


class StepClaims:
    """A unique key per (month, step): a step runs once; a later step checks that its predecessor ran."""

    def __init__(self, db: Database) -> None:
        self._steps: Collection = db["cycle_steps"]

    async def claim(self, key: str, on: date) -> None:
        try:
            await self._steps.insert_one({"_id": key, "on": on.isoformat()})
        except DuplicateKeyError:
            raise StepAlreadyRun(f"{key} has already run") from None

    async def release(self, key: str) -> None:
        """Undo a claim whose step failed, so it can be run again (its inserts are idempotent)."""
        await self._steps.delete_one({"_id": key})

    async def done(self, key: str) -> bool:
        return await self._steps.find_one({"_id": key}) is not None


class ClosingBatches:
    """The month-close events of up to CHUNK accounts travel in one batch document's outbox (one write)."""

    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def save(self, period: str, events: list[Event]) -> None:
        for n, i in enumerate(range(0, len(events), CHUNK)):
            chunk = events[i:i + CHUNK]
            try:
                await self._store.save(f"{period}:{n:05d}", {"period": period,
                                       "accounts": [e.subject() for e in chunk]}, chunk, loaded=None)
            except DuplicateKeyError:
                pass  # written by an earlier attempt of this close, which failed after it


async def insert_all(collection: Collection, docs: Iterable[dict]) -> None:
    """insert_many in chunks; a document already there (a re-run after a failure) is left as it is."""
    batch: list[dict] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == CHUNK:
            await _insert(collection, batch)
            batch = []
    if batch:
        await _insert(collection, batch)


async def _insert(collection: Collection, docs: list[dict]) -> None:
    try:
        await collection.insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        if any(e.get("code") != DUPLICATE_KEY for e in exc.details.get("writeErrors", [])):
            raise


def _key(employer_id: str, period: str) -> str:
    return f"{period}:{employer_id}"


def _with_facts(s: Statement, payments: list[Decimal], closes: dict, settled: dict) -> Statement:
    s = replay(s, payments)
    key = _key(s.employer_id, s.period)
    if key in closes:
        s = replace(s, status=StatementStatus(closes[key]["status"]), unpaid_streak=closes[key]["unpaid_streak"])
    if key in settled:
        d = settled[key]
        s = replace(s, received={ln.kind: ln.amount for ln in s.lines}, status=StatementStatus.SETTLED,
                    settled_on=date.fromisoformat(d["settled_on"]), late_fees_paid=Decimal(d["late_fees_paid"]))
    return s


def _statement_doc(s: Statement) -> dict:
    return {"_id": _key(s.employer_id, s.period), "employer_id": s.employer_id, "period": s.period,
            "headcount": s.headcount,
            "lines": [{"type": ln.kind.value, "employer": str(ln.employer), "individual": str(ln.individual)}
                      for ln in s.lines]}  # FerretDB v1 stores no nested arrays


def _statement(d: dict) -> Statement:
    lines = tuple(Line(InsuranceType(ln["type"]), Decimal(ln["employer"]), Decimal(ln["individual"]))
                  for ln in d["lines"])
    return Statement(d["employer_id"], d["period"], d["headcount"], lines, {ln.kind: Decimal("0.00") for ln in lines})
