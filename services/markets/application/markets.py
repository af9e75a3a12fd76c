"""A market enters the register (planned on a permit, or imported as operating), is read, and has its food-safety
samples recorded: load → decide (a domain rule) → save, the events in the same document write."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from services.markets.application.ports import Markets, Today
from services.markets.domain import planning
from services.markets.domain.market import Market, Sample
from services.markets.domain.planning import Site
from shared.errors import NotFound
from shared.usecase import change, without_events


async def plan_market(site: Site, permit_on: date, markets: Markets, residential_area_id: str | None = None
                      ) -> Market:
    market = planning.plan(str(uuid.uuid4()), site, permit_on, residential_area_id)
    await markets.add(market)
    return market


async def register_existing(rows: Sequence[tuple[Site, str, date]], markets: Markets) -> list[Market]:
    """Existing operating markets, one document each (already validated row by row)."""
    saved = []
    for site, operator, opened_on in rows:
        market = planning.register_existing(str(uuid.uuid4()), site, operator, opened_on)
        await markets.add(market)
        saved.append(market)
    return saved


async def get_market(market_id: str, markets: Markets) -> Market:
    market = await markets.get(market_id)
    if market is None:
        raise NotFound(f"no market {market_id}")
    return market


async def record_sample(market_id: str, sample: Sample, markets: Markets, today: Today) -> Market:
    """抽检结果: recorded against the market, shown publicly."""
    return await change(markets, market_id, without_events(lambda m: planning.record_sample(m, sample, today())),
                        what="market")
