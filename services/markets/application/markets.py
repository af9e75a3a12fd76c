"""A market enters the register (planned on a permit, or imported as operating), is read, and has its food-safety
samples recorded: load → decide (a domain rule) → save, the events in the same document write."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from services.markets.application import references
from services.markets.application.ports import Markets, References, Today
from services.markets.domain import planning
from services.markets.domain.market import Market, Sample
from services.markets.domain.planning import Site
from services.markets.application import found
from services.markets.application.found import change
from shared.repository import Page
from shared.usecase import without_events


async def plan_market(site: Site, permit_on: date, markets: Markets, areas: References, communities: References,
                      residential_area_id: str | None = None, community_id: str | None = None) -> Market:
    """Planned on its permit; the residential area and community it names must be ones markets knows."""
    community_id = await references.known_places(areas, residential_area_id, community_id, communities)
    market = planning.plan(str(uuid.uuid4()), site, permit_on, residential_area_id, community_id)
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
    return await found.get(markets, market_id, what="market")


async def list_markets(markets: Markets, *, district_code: str | None, status: str | None,
                       community_id: str | None, page: int, size: int) -> Page[Market]:
    return await markets.listing(district_code=district_code, status=status, community_id=community_id, page=page,
                                 size=size)


async def record_sample(market_id: str, sample: Sample, markets: Markets, today: Today) -> Market:
    """抽检结果: recorded against the market, shown publicly."""
    return await change(markets, market_id, without_events(lambda m: planning.record_sample(m, sample, today())),
                        what="market")
