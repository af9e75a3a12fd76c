"""Market use cases: load → decide (a domain rule) → save, the events in the same document write."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date

from services.markets.adapters.plans import PlanRepository
from services.markets.adapters.repository import MarketRepository, ReferenceRepository
from services.markets.application.recompute import recompute
from services.markets.domain import lifecycle, planning
from services.markets.domain.geo import project
from services.markets.domain.recompute import MARKET_CHANGE_REACH_M
from services.markets.domain.market import Market
from services.markets.domain.planning import Site
from shared.clock import Today
from shared.errors import NotFound
from shared.events import Event

Decision = Callable[[Market], "Market | tuple[Market, list[Event]]"]


async def plan_market(site: Site, permit_on: date, markets: MarketRepository,
                      residential_area_id: str | None = None) -> Market:
    market = planning.plan(str(uuid.uuid4()), site, permit_on, residential_area_id)
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


async def open_market(market_id: str, opened_on: date, markets: MarketRepository, areas: ReferenceRepository,
                      plans: PlanRepository, today: Today) -> Market:
    """开业: the market counts towards coverage from now on, so the areas within 1000 m are recomputed and open
    plans whose gaps it covers are resolved. Done in-process (the catalog names no consumer of
    `markets.market.opened`); an opening never lowers any A_i, so it never proposes a plan."""
    market = await change_market(market_id, lambda m: lifecycle.open_market(m, opened_on), markets)
    await recompute([tuple(project([market.lon], [market.lat])[0])], MARKET_CHANGE_REACH_M, areas, markets, plans,
                    today)
    return market


async def get_market(market_id: str, markets: MarketRepository) -> Market:
    market = await markets.get(market_id)
    if market is None:
        raise NotFound(f"no market {market_id}")
    return market
