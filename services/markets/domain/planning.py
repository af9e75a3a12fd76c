"""A market enters the register: planned on a planning permit (规划许可证载明位置和面积), or imported as an
existing operating market; and food-safety sampling results (抽检结果公示) recorded against it."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.markets.domain.compliance import area_problems
from services.markets.domain.coverage import required_market_floor_area
from services.markets.domain.market import Areas, Kind, Market, Sample, Status
from shared.errors import ProblemCollector

BEIJING_BOUNDS = ((115.4, 117.6), (39.4, 41.1))  # lon, lat range of the municipality


@dataclass(frozen=True)
class Site:
    name: str
    district_code: str
    kind: Kind
    lon: float
    lat: float
    areas: Areas
    owner: str


def site_problems(site: Site) -> ProblemCollector:
    """Every broken rule of a market's site and areas, at once."""
    problems = location_problems(site.lon, site.lat, area_problems(site.areas))
    if site.areas.business <= 0:
        problems.add("areas.business", "positive", "the business area must be positive")
    if not site.name.strip():
        problems.add("name", "required", "the market's name is required")
    return problems


def plan(market_id: str, site: Site, permit_on: date, residential_area_id: str | None = None,
         community_id: str | None = None) -> Market:
    """Planned on a permit naming site and area; vegetable area ≥ 1/2 of the business area from the start.
    A market built with a residential project (配套建设) names that area, for the phased-housing deadline."""
    site_problems(site).raise_if_any("The market cannot be planned")
    planned = _market(market_id, site, None, Status.PLANNED, {"planned": permit_on})
    return dataclasses.replace(planned, residential_area_id=residential_area_id, community_id=community_id)


def register_existing(market_id: str, site: Site, operator: str, opened_on: date) -> Market:
    """An existing market already in operation (imported from the commerce office's register)."""
    problems = site_problems(site)
    if not operator.strip():
        problems.add("operator", "required", "an operating market has an operator")
    problems.raise_if_any("The market cannot be registered")
    return _market(market_id, site, operator, Status.OPERATING, {"opened": opened_on})


def _market(market_id: str, site: Site, operator: str | None, status: Status, milestones: dict) -> Market:
    return Market(market_id, site.name.strip(), site.district_code, site.kind, site.lon, site.lat, site.areas,
                  site.owner, operator, status, milestones=milestones)


def record_sample(market: Market, sample: Sample, today: date) -> Market:
    problems = ProblemCollector()
    if sample.sampled_on > today:
        problems.add("sampled_on", "not-in-future", "a sample cannot be dated after today")
    if not sample.product.strip():
        problems.add("product", "required", "name the product sampled")
    problems.raise_if_any("The sampling result cannot be recorded")
    return dataclasses.replace(market, samples=market.samples + (sample,))


def location_problems(lon: float, lat: float, problems: ProblemCollector | None = None) -> ProblemCollector:
    problems = problems or ProblemCollector()
    (lon_lo, lon_hi), (lat_lo, lat_hi) = BEIJING_BOUNDS
    if not (lon_lo <= lon <= lon_hi and lat_lo <= lat <= lat_hi):
        problems.add("location", "within-beijing", "the location (WGS84 lon, lat) is outside Beijing")
    return problems


def residential_area_problems(lon: float, lat: float, new: bool, residential_floor_m2: Decimal | None,
                              planned_market_m2: Decimal | None) -> ProblemCollector:
    """A new residential area is registered only with market floor area ≥ 2 % of its residential floor area."""
    problems = location_problems(lon, lat)
    if new and (residential_floor_m2 is None or planned_market_m2 is None):
        problems.add("planned_market_area", "required-for-new-area",
                     "a new residential area states its residential and planned market floor areas")
    elif new and planned_market_m2 < required_market_floor_area(residential_floor_m2):
        problems.add("planned_market_area", "market-floor-area-2-percent",
                     f"needs at least {required_market_floor_area(residential_floor_m2)} m² "
                     f"(2 % of {residential_floor_m2} m² residential floor area)")
    return problems
