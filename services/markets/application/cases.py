"""Compliance cases (第三十二至三十五条) beyond inspections: an unapproved act the officer found, the deadlines the
overdue-case job finds passed, and the case listings (city-wide and per market)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.markets.application import found
from services.markets.application.found import change, referenced
from services.markets.application.ports import Markets
from services.markets.domain import cases as rules
from services.markets.domain.lifecycle import Approval
from services.markets.domain.market import Case, Market
from shared.errors import InvalidInput, NotFound, refusal
from shared.jobs.progress import NO_PROGRESS, Progress
from shared.store import StaleWrite
from shared.usecase import without_events


@dataclass(frozen=True)
class Finding:
    """The officer's finding of an act done without approval (the request, decoded)."""

    kind: str
    act_on: date
    approvals: tuple[Approval, ...]
    replacement_market_id: str | None
    party: str | None


async def open_act_case(market_id: str, finding: Finding, on: date, today: date, markets: Markets) -> Market:
    """A case for an unapproved sub-letting, suspension, merger, closure, demolition, relocation or rebuilding,
    opened on `on` (not after today in Beijing)."""
    if on > today:
        raise InvalidInput.on("on", "date-in-future", f"{on} is after today ({today}) in Beijing")
    replacement = None
    if finding.replacement_market_id is not None:
        replacement = await referenced(markets, finding.replacement_market_id, what="market",
                                       field="replacement_market_id")
    act = rules.Act(finding.kind, finding.act_on, finding.approvals, replacement, finding.party)
    decide = without_events(lambda m: rules.open_unapproved_act_case(m, act, on))
    return await change(markets, market_id, decide, what="market")


async def open_overdue_cases(on: date, markets: Markets, progress: Progress = NO_PROGRESS) -> list[dict]:
    """The overdue-case run over every market waiting on a lifecycle step: each deadline passed before `on` opens
    its case, once per deadline (a second run, a run taken over after an interruption, or the late record of the
    step opens none: `open_case_once`). Returns what was opened, as {market_id, case_number, kind, due_on}."""
    opened: list[dict] = [row for rows in progress.remembered().values() for row in rows]
    waiting = await markets.awaiting_steps([s.value for s in rules.AWAITING])
    await progress.begin(len(waiting))
    for market_id in waiting:
        new = await _overdue(market_id, on, markets)
        rows = [{"market_id": market_id, "case_number": c.number, "kind": c.kind, "due_on": c.due_on.isoformat()}
                for c in new]
        if rows:
            opened.extend(rows)
            await progress.remember(market_id, rows)
        await progress.advance()
    return sorted(opened, key=lambda r: (r["market_id"], r["case_number"]))


async def _overdue(market_id: str, on: date, markets: Markets, attempts: int = 3) -> list[Case]:
    """One market's overdue cases; a concurrent write (another replica, an officer's step) is decided again."""
    new: list[Case] = []

    def decide(market: Market):
        changed, opened = rules.open_overdue_cases(market, on)
        new[:] = opened
        return changed, []

    for attempt in range(attempts):
        try:
            await change(markets, market_id, decide, what="market")
            return new
        except StaleWrite:
            if attempt == attempts - 1:
                raise
        except NotFound:  # gone since it was listed
            return []
    return new


async def city_cases(markets: Markets, *, kind: str | None, status: str | None, district_code: str | None
                     ) -> list[tuple[Market, Case]]:
    """Every case matching the filters, by market id and case number."""
    found_markets = await markets.with_cases(kind=kind, status=status, district_code=district_code)
    return [(m, c) for m in found_markets for c in market_cases(m, kind=kind, status=status)]


def market_cases(market: Market, *, kind: str | None = None, status: str | None = None) -> list[Case]:
    return [c for c in market.cases if (kind is None or c.kind == kind) and (status is None or c.status == status)]


async def get_case(market_id: str, number: int, markets: Markets) -> tuple[Market, Case]:
    market = await found.get(markets, market_id, what="market")
    for case in market.cases:
        if case.number == number:
            return market, case
    message = f"market {market_id} has no case {number}"
    raise NotFound(message, errors=[refusal("case_number", "unknown-case", message)])
