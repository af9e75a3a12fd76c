"""Residential areas (居住区) as registry records them, kept by markets for coverage and planning.

Registry is the master: markets never refuses its record. It keeps the newest one (ordered by the district
government's decision date `effective_on`), flags a new area that breaks the planning condition (market floor area
≥ 2 % of the residential floor area) for the commerce officer, and remembers when a phased project (分期建设)
reached half of its housing — the date the market had to be built by.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.markets.domain.planning import residential_area_problems

HALF_OF_HOUSING_PERCENT = Decimal("50")  # 分期建设的，菜市场应在住宅完成50%之前建成


def supersedes(stored_effective_on: date | None, incoming_effective_on: date) -> bool:
    """A record applies unless the stored one is newer. Equal dates apply too: each event carries the whole record,
    so re-applying the same one changes nothing. A row without a date (imported by hand) yields to registry."""
    return stored_effective_on is None or incoming_effective_on >= stored_effective_on


def planning_breaches(lon: float, lat: float, new: bool, residential_floor_m2: Decimal | None,
                      planned_market_m2: Decimal | None) -> list[dict]:
    """The planning condition of a new area (新建居住区配建菜市场, 2 %), as problems recorded — never a refusal."""
    return [p.as_dict() for p in
            residential_area_problems(lon, lat, new, residential_floor_m2, planned_market_m2).problems]


def housing_half_done(phased: bool, completed_percent: Decimal | None) -> bool:
    """A phased project with ≥ 50 % of its housing completed (49.99 % is not yet half)."""
    return phased and completed_percent is not None and completed_percent >= HALF_OF_HOUSING_PERCENT


def half_done_since(previous: date | None, phased: bool, completed_percent: Decimal | None,
                    effective_on: date) -> date | None:
    """The first decision date on which the project was reported half done; cleared if a correction lowers it."""
    if not housing_half_done(phased, completed_percent):
        return None
    return previous if previous is not None and previous <= effective_on else effective_on
