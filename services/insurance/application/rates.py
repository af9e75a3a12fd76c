"""The dated rate table (费率表): recorded by an officer, read with the defaults in force before any."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.application.ports import RateTables
from services.insurance.domain.rates import DEFAULT_RATES, RateTable, checked_table


async def record_rates(rates: RateTables, effective_from: date, shares: dict[str, dict[str, Decimal]],
                       work_injury_by_class: dict[int, Decimal]) -> RateTable:
    """The table in force from `effective_from` (the first month charged starts on or after it); a later table for
    the same date replaces it."""
    table = checked_table(effective_from, shares, work_injury_by_class)
    key = effective_from.isoformat()
    async with rates.lock(key):
        _, loaded = await rates.load(key)
        await rates.save(table, loaded=loaded)
    return table


async def rate_tables(rates: RateTables) -> list[RateTable]:
    """Every table by effective date, the defaults first."""
    return sorted([DEFAULT_RATES, *await rates.all()], key=lambda t: t.effective_from)
