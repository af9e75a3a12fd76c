"""An operating market's changes that need prior approval (第十八至二十二条): suspension, sub-letting, merger or
closure (the district commerce office), demolition, relocation or rebuilding (a replacement plan of the district
government approved by the city, the replacement built first)."""
from __future__ import annotations

from datetime import date

from services.markets.application.ports import Markets
from services.markets.domain import operating
from services.markets.domain.lifecycle import Approval
from services.markets.domain.market import Market, Status
from services.markets.application.found import change, referenced
from shared.usecase import without_events


async def suspend(market_id: str, on: date, approvals: list[Approval], markets: Markets) -> Market:
    decide = without_events(lambda m: operating.suspend(m, on, approvals))
    return await change(markets, market_id, decide, what="market")


async def resume(market_id: str, on: date, markets: Markets) -> Market:
    return await change(markets, market_id, without_events(lambda m: operating.resume(m, on)), what="market")


async def sublet(market_id: str, on: date, approvals: list[Approval], operator: str, markets: Markets) -> Market:
    decide = without_events(lambda m: operating.sublet(m, on, approvals, operator))
    return await change(markets, market_id, decide, what="market")


async def merge(market_id: str, on: date, approvals: list[Approval], markets: Markets) -> Market:
    return await _leave(market_id, Status.MERGED, on, approvals, markets)


async def close(market_id: str, on: date, approvals: list[Approval], markets: Markets) -> Market:
    return await _leave(market_id, Status.CLOSED, on, approvals, markets)


async def demolish(market_id: str, on: date, approvals: list[Approval], replacement_id: str, markets: Markets
                   ) -> Market:
    return await _replace(market_id, Status.DEMOLISHED, on, approvals, replacement_id, markets)


async def relocate(market_id: str, on: date, approvals: list[Approval], replacement_id: str, markets: Markets
                   ) -> Market:
    return await _replace(market_id, Status.RELOCATED, on, approvals, replacement_id, markets)


async def rebuild(market_id: str, on: date, approvals: list[Approval], replacement_id: str, markets: Markets
                  ) -> Market:
    return await _replace(market_id, Status.REBUILT, on, approvals, replacement_id, markets)


async def _leave(market_id: str, to: Status, on: date, approvals: list[Approval], markets: Markets) -> Market:
    return await change(markets, market_id, lambda m: operating.leave_service(m, to, on, approvals), what="market")


async def _replace(market_id: str, to: Status, on: date, approvals: list[Approval], replacement_id: str,
                   markets: Markets) -> Market:
    replacement = await referenced(markets, replacement_id, what="market", field="replacement_market_id")
    return await change(markets, market_id, lambda m: operating.replace(m, to, on, approvals, replacement),
                        what="market")
