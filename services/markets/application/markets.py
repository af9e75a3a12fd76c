"""Market use cases: load → decide (a domain rule) → save, the events in the same document write."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date

from services.markets.adapters.repository import MarketRepository
from services.markets.domain import planning
from services.markets.domain.market import Market
from services.markets.domain.planning import Site
from shared.errors import NotFound
from shared.events import Event

Decision = Callable[[Market], "Market | tuple[Market, list[Event]]"]


async def plan_market(site: Site, permit_on: date, markets: MarketRepository) -> Market:
    market = planning.plan(str(uuid.uuid4()), site, permit_on)
    await markets.save(market, loaded=None)
    return market


async def register_existing(rows: Sequence[tuple[Site, str, date]], markets: MarketRepository) -> list[Market]:
    """Existing operating markets, one document each (already validated row by row)."""
    saved = []
    for site, operator, opened_on in rows:
        market = planning.register_existing(str(uuid.uuid4()), site, operator, opened_on)
        await markets.save(market, loaded=None)
        saved.append(market)
    return saved


async def change_market(market_id: str, decide: Decision, markets: MarketRepository) -> Market:
    """Apply one domain rule to one market under its lock; the rule's events go out through the outbox."""
    async with markets.lock(market_id):
        market, loaded = await markets.load(market_id)
        if market is None:
            raise NotFound(f"no market {market_id}")
        decided = decide(market)
        changed, events = decided if isinstance(decided, tuple) else (decided, [])
        await markets.save(changed, events, loaded=loaded)
        return changed


async def get_market(market_id: str, markets: MarketRepository) -> Market:
    market = await markets.get(market_id)
    if market is None:
        raise NotFound(f"no market {market_id}")
    return market
