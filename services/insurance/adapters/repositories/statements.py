"""Statements and what happened to them, as write-once documents (one per account, month and step).

The cycle writes a city's worth of documents per step: `insert_many` writes thousands per round trip, while a
rewrite is one round trip per document (and on FerretDB v1 an unlocked read-modify-write). So the cycle never
rewrites a document: each step inserts its own record, keyed so it can exist only once —
`statements` `<month>:<account>` (generated), `payments` `<month>:<account>:<batch>` (each debit result or
receipt), `closes` `<month>:<account>` (month end), `settlements` `<month>:<account>` (arrears repaid).
A statement's state is the generated statement with its payments replayed, then its close and settlement.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from decimal import Decimal

from services.insurance.adapters.repositories.bulk import CHUNK, insert_all
from services.insurance.domain.rates import InsuranceType
from services.insurance.domain.statement import Line, Statement, StatementStatus, replay
from shared.mongo import Collection, Database


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

    async def amounts_of(self, employer_id: str) -> list[Statement]:
        """The unit's statements by month with what was received on each (payments, settlements): what was due,
        paid and is owed, without reading the closes — they set only a statement's status and unpaid streak, so
        the status here stops at the month's payments or its settlement."""
        query = {"employer_id": employer_id}
        return sorted(await self._assemble(query, query, with_closes=False), key=lambda s: s.period)

    async def employer_page(self, employer_id: str, page: int, size: int) -> tuple[list[Statement], int]:
        """A page of the unit's statements by month, assembled, and how many it has: the unit's statements (one a
        month) are read whole once, so the count and the page come from one read; only the page's facts follow."""
        every = sorted([_statement(d) async for d in self._statements.find({"employer_id": employer_id})],
                       key=lambda s: s.period)
        chosen = every[(page - 1) * size:page * size]
        keys = [_key(s.employer_id, s.period) for s in chosen]
        return await self._replayed(chosen, _by_keys(keys), keys) if chosen else [], len(every)

    async def period_employers(self, period: str) -> list[str]:
        """The units with a statement for `period`, by employer id (ids only: a listing pages over them)."""
        cursor = self._statements.find({"period": period}, {"employer_id": 1})
        return sorted([d["employer_id"] async for d in cursor])

    async def assembled(self, keys: list[tuple[str, str]]) -> list[Statement]:
        """The statements of these (employer id, period) pairs, each with its payments, close and settlement
        replayed, in the order asked."""
        ids = [_key(e, p) for e, p in keys]
        found: dict[str, Statement] = {}
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            for s in await self._assemble(_by_keys(chunk), _by_keys(chunk), payments_of=chunk):
                found[_key(s.employer_id, s.period)] = s
        return [found[k] for k in ids if k in found]

    async def open_arrears(self, employer_id: str | None = None) -> list[Statement]:
        """Closed months with an outstanding amount and no settlement (all accounts when employer_id is None). The
        open closes are read whole once: they are the facts the statements are assembled with."""
        query = {"open": True} | ({"employer_id": employer_id} if employer_id else {})
        closes = {d["_id"]: d async for d in self._closes.find(query)}
        keys, found = list(closes), []
        for i in range(0, len(keys), CHUNK):
            chunk = keys[i:i + CHUNK]
            found += await self._assemble(_by_keys(chunk), _by_keys(chunk), payments_of=chunk, closes=closes)
        return [s for s in found if s.status is StatementStatus.CLOSED]

    async def _assemble(self, query: dict, facts: dict, payments_of: list[str] | None = None, *,
                        closes: dict | None = None, with_closes: bool = True) -> list[Statement]:
        """The statements `query` finds with their facts (`facts`: the same documents' keys) replayed."""
        statements = [_statement(d) async for d in self._statements.find(query)]
        if not statements:
            return []  # no statement to replay facts on: none of the facts is read
        return await self._replayed(statements, facts, payments_of, query=query, closes=closes,
                                    with_closes=with_closes)

    async def _replayed(self, statements: list[Statement], facts: dict, payments_of: list[str] | None, *,
                        query: dict | None = None, closes: dict | None = None,
                        with_closes: bool = True) -> list[Statement]:
        """`statements` with their payments, close and settlement replayed: `closes` already read are not read
        again; `with_closes=False` reads none (the statuses then stop at the payments or the settlement)."""
        payments = await self._payments_by_key(query if payments_of is None else None, payments_of)
        if with_closes and closes is None:
            closes = {d["_id"]: d async for d in self._closes.find(facts)}
        settled = await self._settled(facts, closes if with_closes else None)
        return [_with_facts(s, payments.get(_key(s.employer_id, s.period), []), closes or {}, settled)
                for s in statements]

    async def _settled(self, facts: dict, closes: dict | None) -> dict:
        """The settlements of `facts`, unless the closes read (None: not read) show there can be none: one is
        written only for a month its close left open (`open_arrears` → `add_settlements`)."""
        if closes is not None and not any(c.get("open", True) for c in closes.values()):
            return {}
        return {d["_id"]: d async for d in self._settlements.find(facts)}

    async def _payments_by_key(self, query: dict | None, keys: list[str] | None) -> dict[str, list[Decimal]]:
        if keys is not None:
            periods, employers = _parts(keys)
            query = _equal_or_in("period", periods) | _equal_or_in("employer_id", employers)
        by_key: dict[str, list[tuple]] = {}
        async for d in self._payments.find(query):
            by_key.setdefault(_key(d["employer_id"], d["period"]), []).append((d["at"], d["_id"], Decimal(d["amount"])))
        return {k: [amount for *_, amount in sorted(v)] for k, v in by_key.items()}


def _by_keys(keys: list[str]) -> dict:
    """`_id` in these keys, with the month and the unit when they are all one month's or one unit's: FerretDB v1
    pushes those equalities down to PostgreSQL (never an `$in`), so it decodes only that month's or unit's
    documents instead of the whole collection."""
    periods, employers = _parts(keys)
    one = {f: v[0] for f, v in (("period", periods), ("employer_id", employers)) if len(v) == 1}
    return {"_id": {"$in": keys}} | one


def _parts(keys: list[str]) -> tuple[list[str], list[str]]:
    """The months and the units of `<month>:<unit>` keys, each once, in order."""
    return sorted({k.split(":", 1)[0] for k in keys}), sorted({k.split(":", 1)[1] for k in keys})


def _equal_or_in(field: str, values: list[str]) -> dict:
    """An equality where there is one value (pushed down by FerretDB v1), else an `$in`."""
    return {field: values[0]} if len(values) == 1 else {field: {"$in": values}}


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
            **({"wage_base_total": str(s.wage_base_total)} if s.wage_base_total is not None else {}),
            "lines": [{"type": ln.kind.value, "employer": str(ln.employer), "individual": str(ln.individual)}
                      for ln in s.lines]}  # FerretDB v1 stores no nested arrays


def _statement(d: dict) -> Statement:
    lines = tuple(Line(InsuranceType(ln["type"]), Decimal(ln["employer"]), Decimal(ln["individual"]))
                  for ln in d["lines"])
    base = d.get("wage_base_total")
    return Statement(d["employer_id"], d["period"], d["headcount"], lines, {ln.kind: Decimal("0.00") for ln in lines},
                     wage_base_total=Decimal(base) if base is not None else None)
