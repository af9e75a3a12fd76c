"""The market's life (第九至二十二条), one use case per step: each applies its rule to the stored market under its
lock and saves it with the rule's events."""
from __future__ import annotations

from datetime import date

from services.markets.application.ports import Markets, Plans, References, Today
from services.markets.application.recompute import recompute
from services.markets.domain import lifecycle
from services.markets.domain.geo import project
from services.markets.domain.market import Market
from services.markets.domain.recompute import MARKET_CHANGE_REACH_M
from services.markets.application.found import change
from shared.usecase import without_events


async def build(market_id: str, on: date, markets: Markets) -> Market:
    return await change(markets, market_id, without_events(lambda m: lifecycle.build(m, on)), what="market")


async def accept(market_id: str, on: date, markets: Markets) -> Market:
    return await change(markets, market_id, without_events(lambda m: lifecycle.accept(m, on)), what="market")


async def notify_regulator(market_id: str, on: date, markets: Markets) -> Market:
    """验收合格后10日内通报."""
    return await change(markets, market_id, without_events(lambda m: lifecycle.notify_regulator(m, on)),
                        what="market")


async def sign_agreement(market_id: str, on: date, presale_permit_on: date | None, markets: Markets) -> Market:
    decide = without_events(lambda m: lifecycle.sign_agreement(m, on, presale_permit_on))
    return await change(markets, market_id, decide, what="market")


async def transfer_ownership(market_id: str, on: date, markets: Markets) -> Market:
    """协议签订60日内移交所有权."""
    return await change(markets, market_id, without_events(lambda m: lifecycle.transfer_ownership(m, on)),
                        what="market")


async def tender_operator(market_id: str, on: date, operator: str, markets: Markets) -> Market:
    decide = without_events(lambda m: lifecycle.tender_operator(m, on, operator))
    return await change(markets, market_id, decide, what="market")


async def record_licence(market_id: str, licence_on: date, markets: Markets) -> Market:
    """领取营业执照: the 10 days to file run from it (the overdue-case job watches them)."""
    return await change(markets, market_id, without_events(lambda m: lifecycle.record_licence(m, licence_on)),
                        what="market")


async def file_operator(market_id: str, licence_on: date | None, on: date, markets: Markets) -> Market:
    decide = without_events(lambda m: lifecycle.file_operator(m, licence_on, on))
    return await change(markets, market_id, decide, what="market")


async def open_market(market_id: str, opened_on: date, markets: Markets, areas: References, plans: Plans,
                      today: Today) -> Market:
    """开业: the market counts towards coverage from now on, so the areas within 1000 m are recomputed and open
    plans whose gaps it covers are resolved. Done in-process (the catalog names no consumer of
    `markets.market.opened`); an opening never lowers any A_i, so it never proposes a plan."""
    market = await change(markets, market_id, lambda m: lifecycle.open_market(m, opened_on), what="market")
    await recompute([tuple(project([market.lon], [market.lat])[0])], MARKET_CHANGE_REACH_M, areas, markets, plans,
                    today)
    return market


async def withdraw_operating_right(market_id: str, on: date, markets: Markets) -> Market:
    """收回经营权 (an officer's act)."""
    return await change(markets, market_id, lambda m: lifecycle.withdraw_operating_right(m, on), what="market")
