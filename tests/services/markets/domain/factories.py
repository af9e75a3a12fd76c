"""Small builders shared by the markets domain tests."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.markets.domain import lifecycle
from services.markets.domain.market import Areas, Kind
from services.markets.domain.planning import Site, plan, register_existing

TIANANMEN = (116.3975, 39.9087)


def site(lon=TIANANMEN[0], lat=TIANANMEN[1], business="1000", vegetable="600", direct="0", adopted=False,
         name="和平里菜市场") -> Site:
    return Site(name, "110101", Kind.STANDARDISED, lon, lat,
                Areas(Decimal(business), Decimal(vegetable), Decimal(direct), adopted), "市菜市场网点管理机构")


def planned(permit_on=date(2026, 1, 5)):
    return plan("m1", site(), permit_on)


def filed(filed_on=date(2026, 6, 1)):
    """A market walked to operator_filed on time, filing on `filed_on`."""
    m = lifecycle.build(planned(), date(2026, 2, 1))
    m = lifecycle.accept(m, date(2026, 2, 10))
    m = lifecycle.sign_agreement(m, date(2026, 2, 20), None)
    m = lifecycle.transfer_ownership(m, date(2026, 3, 1))
    m = lifecycle.tender_operator(m, date(2026, 4, 1), "首农菜篮子公司")
    return lifecycle.file_operator(m, filed_on, filed_on)


def operating(market_id="m1", lon=TIANANMEN[0], lat=TIANANMEN[1], vegetable="600"):
    return register_existing(market_id, site(lon, lat, vegetable=vegetable), "首农菜篮子公司", date(2020, 1, 1))
