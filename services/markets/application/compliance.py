"""Inspections and the cases they open (菜市场运营规范, 第三十二至三十五条): an officer's findings, a refusal to
correct, the fine inside the case's range."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.markets.application.ports import Markets
from services.markets.domain import compliance
from services.markets.domain.market import Areas, Market
from services.markets.application.found import change
from shared.usecase import without_events


async def inspect(market_id: str, observed: Areas, use: str, on: date, markets: Markets) -> Market:
    decide = without_events(lambda m: compliance.inspect(m, observed, use, on))
    return await change(markets, market_id, decide, what="market")


async def refuse_correction(market_id: str, number: int, markets: Markets) -> Market:
    decide = without_events(lambda m: compliance.refuse_correction(m, number))
    return await change(markets, market_id, decide, what="market")


async def impose_fine(market_id: str, number: int, amount: Decimal, officer: str, markets: Markets) -> Market:
    decide = without_events(lambda m: compliance.impose_fine(m, number, amount, officer))
    return await change(markets, market_id, decide, what="market")
