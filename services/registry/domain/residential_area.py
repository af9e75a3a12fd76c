"""Residential areas (居住区): where people live, as markets' coverage engine needs them (社区菜市场建设管理办法).

A new area (新建居住区) states its residential floor area and the market floor area its planning permit names; a
phased project (分期建设) also how much of its housing is completed (markets must be built before 50 %).
Whether the planned market area is enough (2 %) is markets' rule; registry keeps the facts. No I/O here.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal


from services.registry.domain.districts import is_issuable_district
from services.registry.domain.problems import conflict
from shared.errors import InvalidInput, ProblemCollector
from shared.events.registry_places import ResidentialAreaRegistered, ResidentialAreaRemoved, ResidentialAreaUpdated

BEIJING_BOUNDS = ((Decimal("115.4"), Decimal("117.6")), (Decimal("39.4"), Decimal("41.1")))  # lon, lat (WGS84)


class AreaStatus(StrEnum):
    ACTIVE = "active"
    REMOVED = "removed"


@dataclass(frozen=True, kw_only=True)
class AreaFacts:
    name: str
    district_code: str
    community_id: str | None = None
    lon: float
    lat: float
    residents: int
    kind: Literal["existing", "new"] = "existing"
    residential_floor_area: Decimal | None = None  # m²
    planned_market_area: Decimal | None = None  # m², as the planning permit names it
    phased: bool = False
    housing_completed_percent: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class ResidentialArea:
    id: str
    facts: AreaFacts
    status: AreaStatus = AreaStatus.ACTIVE
    registered_on: date
    effective_on: date
    removed_on: date | None = None

    @property
    def active(self) -> bool:
        return self.status is AreaStatus.ACTIVE


def within_beijing(lon: float, lat: float) -> bool:
    (lon_lo, lon_hi), (lat_lo, lat_hi) = BEIJING_BOUNDS
    return lon_lo <= Decimal(str(lon)) <= lon_hi and lat_lo <= Decimal(str(lat)) <= lat_hi


def facts_problems(f: AreaFacts) -> ProblemCollector:
    problems = ProblemCollector()
    if not f.name.strip():
        problems.add("name", "required", "the residential area's name is required")
    if not is_issuable_district(f.district_code):
        problems.add("district_code", "beijing-district", f"{f.district_code} is not a current Beijing district code")
    if not within_beijing(f.lon, f.lat):
        problems.add("location", "within-beijing", f"({f.lon}, {f.lat}) is outside Beijing "
                     f"(WGS84 lon 115.4–117.6, lat 39.4–41.1)")
    if f.residents < 0:
        problems.add("residents", "not-negative", "residents cannot be negative")
    for field in ("residential_floor_area", "planned_market_area"):
        value = getattr(f, field)
        if value is not None and value < 0:
            problems.add(field, "not-negative", f"{field} cannot be negative")
        if f.kind == "new" and value is None:
            problems.add(field, "required-for-new-area", f"a new residential area states its {field} (m²)")
    _phase_problems(f, problems)
    return problems


def _phase_problems(f: AreaFacts, problems: ProblemCollector) -> None:
    percent = f.housing_completed_percent
    if f.phased and percent is None:
        problems.add("housing_completed_percent", "required-when-phased",
                     "a phased project states the share of its housing completed (0–100 %)")
    if percent is not None and not Decimal(0) <= percent <= Decimal(100):
        problems.add("housing_completed_percent", "percent-0-100", "a percentage from 0 to 100")
    if percent is not None and not f.phased:
        problems.add("housing_completed_percent", "only-when-phased", "only a phased project states its progress")


def register(area_id: str, facts: AreaFacts, effective_on: date) -> tuple[ResidentialArea, list]:
    facts_problems(facts).raise_if_any("The residential area cannot be registered")
    area = ResidentialArea(id=area_id, facts=_clean(facts), registered_on=effective_on, effective_on=effective_on)
    return area, [ResidentialAreaRegistered(**state_of(area))]


def update(area: ResidentialArea, facts: AreaFacts, effective_on: date) -> tuple[ResidentialArea, list]:
    _require_active(area)
    facts_problems(facts).raise_if_any("The residential area cannot be updated")
    changed = replace(area, facts=_clean(facts), effective_on=effective_on)
    return changed, [ResidentialAreaUpdated(**state_of(changed))]


def remove(area: ResidentialArea, effective_on: date) -> tuple[ResidentialArea, list]:
    """Demolished, or merged into another record: no longer a residential area."""
    _require_active(area)
    gone = replace(area, status=AreaStatus.REMOVED, removed_on=effective_on, effective_on=effective_on)
    return gone, [ResidentialAreaRemoved(area_id=area.id, district_code=area.facts.district_code,
                                         effective_on=effective_on)]


def state_of(area: ResidentialArea) -> dict:
    f = area.facts
    text = lambda d: None if d is None else str(d)  # noqa: E731 - decimals travel as strings
    return {"area_id": area.id, "name": f.name, "district_code": f.district_code, "community_id": f.community_id,
            "lon": f.lon, "lat": f.lat, "residents": f.residents, "kind": f.kind,
            "residential_floor_area": text(f.residential_floor_area),
            "planned_market_area": text(f.planned_market_area), "phased": f.phased,
            "housing_completed_percent": text(f.housing_completed_percent), "effective_on": area.effective_on}


def check_community(community_id: str | None, known: bool) -> None:
    """An area names its community only as one registry keeps and has not abolished (`known`)."""
    if community_id is not None and not known:
        raise InvalidInput.on("community_id", "unknown-community",
                              f"registry has no community {community_id} (or it was abolished)")


def _require_active(area: ResidentialArea) -> None:
    if not area.active:
        raise conflict(f"residential area {area.id} was removed on {area.removed_on}", "area-active",
                       removed_on=area.removed_on.isoformat() if area.removed_on else None)


def _clean(facts: AreaFacts) -> AreaFacts:
    return replace(facts, name=facts.name.strip())
