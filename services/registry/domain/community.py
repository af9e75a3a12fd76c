"""The community aggregate (社区): the jurisdiction of a residents' committee (居委会, urban) or a villagers'
committee (村委会, rural), created, resized, merged or abolished by the district government (区政府决定).

Every change carries the decision's effective date; the events carry the whole current record (the catalog's
event-carried state), so workforce and markets can project it without asking back. No I/O here.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal


from services.registry.domain.districts import is_issuable_district
from services.registry.domain.station import Station, station_problems
from services.registry.domain.problems import conflict
from shared.errors import Conflict, InvalidInput, ProblemCollector
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated

Change = Literal["resized", "figures", "merged", "renamed"]


class CommunityStatus(StrEnum):
    ACTIVE = "active"
    ABOLISHED = "abolished"  # 撤销 (or merged into another community)


@dataclass(frozen=True, kw_only=True)
class Figures:
    """What the district's decision states about a community; counts are people or households (户)."""

    name: str
    district_code: str
    street: str  # 街道 / 乡镇
    rural: bool
    households: int  # 实有户数: the staffing norms count these
    resident_households: int | None = None  # 常住户数 (Wenzhou funding formula)
    registered_households: int | None = None  # 户籍户数
    resident_population: int = 0
    registered_population: int = 0
    migrant_population: int = 0  # 流动人口 / 新居民
    area_km2: Decimal | None = None
    service_space_m2: Decimal | None = None  # 社区工作服务用房面积 (Wenzhou norm; not the station's work space)
    seat: str | None = None  # Wenzhou 第八条: "city" (市区) or "county_seat" (县(市)所在地及其他建制镇); None: city


@dataclass(frozen=True, kw_only=True)
class HistoryEntry:
    what: str
    effective_on: date
    recorded_on: date


@dataclass(frozen=True, kw_only=True)
class Community:
    id: str
    figures: Figures
    status: CommunityStatus = CommunityStatus.ACTIVE
    established_on: date
    effective_on: date  # the date of the last decision that changed it
    abolished_on: date | None = None
    merged_into: str | None = None
    absorbed: tuple[str, ...] = ()
    station: Station | None = None
    history: tuple[HistoryEntry, ...] = ()

    @property
    def active(self) -> bool:
        return self.status is CommunityStatus.ACTIVE


def figures_problems(f: Figures, problems: ProblemCollector | None = None) -> ProblemCollector:
    """Every broken rule of a community's figures at once (a form, or one line of an import)."""
    problems = problems or ProblemCollector()
    for field in ("name", "street"):
        if not getattr(f, field).strip():
            problems.add(field, "required", f"the community's {field} is required")
    if not is_issuable_district(f.district_code):
        problems.add("district_code", "beijing-district", f"{f.district_code} is not a current Beijing district code")
    for field in ("households", "resident_households", "registered_households", "resident_population",
                  "registered_population", "migrant_population"):
        value = getattr(f, field)
        if value is not None and value < 0:
            problems.add(field, "not-negative", f"{field} cannot be negative")
    for field in ("area_km2", "service_space_m2"):
        value = getattr(f, field)
        if value is not None and value <= 0:
            problems.add(field, "positive", f"{field} must be positive when given")
    return problems


def register(community_id: str, figures: Figures, effective_on: date, today: date
             ) -> tuple[Community, list[CommunityRegistered]]:
    """社区设立: a new community from the district government's decision."""
    figures_problems(figures).raise_if_any("The community cannot be registered")
    community = Community(id=community_id, figures=_clean(figures), established_on=effective_on,
                          effective_on=effective_on, history=(HistoryEntry(what="established",
                                                                           effective_on=effective_on,
                                                                           recorded_on=today),))
    return community, [CommunityRegistered(**state_of(community))]


def change(community: Community, figures: Figures, kind: Change, effective_on: date, today: date
           ) -> tuple[Community, list[CommunityUpdated]]:
    """A resize (调整) or new figures. The district and the urban/rural kind are part of the jurisdiction's identity."""
    _require_change(community, effective_on)
    problems = figures_problems(figures)
    for field in ("district_code", "rural"):
        if getattr(figures, field) != getattr(community.figures, field):
            problems.add(field, "unchangeable", f"{field} cannot change: abolish and register a new community")
    problems.raise_if_any("The change cannot be recorded")
    changed = _record(community, _clean(figures), kind, effective_on, today)
    return changed, [CommunityUpdated(**state_of(changed), change=kind)]


def merge(absorbing: Community, merged: list[Community], figures: Figures | None, effective_on: date, today: date
          ) -> tuple[Community, list[Community], list]:
    """合并: the absorbing community takes the merged ones' households, people and area (or the figures the
    decision states); the merged ones are abolished `merged_into` it. Returns (absorbing, merged, events)."""
    _require_change(absorbing, effective_on)
    problems = ProblemCollector()
    ids = [c.id for c in merged]
    if not merged or absorbing.id in ids or len(set(ids)) != len(ids):
        problems.add("merged", "distinct-others", "name at least one other community, each once")
    for n, other in enumerate(merged):
        if not other.active:
            problems.add(f"merged.{n}", "active", f"community {other.id} is already abolished")
        elif (other.figures.district_code, other.figures.rural) != (absorbing.figures.district_code,
                                                                   absorbing.figures.rural):
            problems.add(f"merged.{n}", "same-district-and-kind",
                         "only communities of the same district and kind merge")
    figures = figures or summed(absorbing.figures, [c.figures for c in merged])
    figures_problems(figures, problems).raise_if_any("The merger cannot be recorded")
    survivor = _record(absorbing, _clean(figures), "merged", effective_on, today)
    survivor = replace(survivor, absorbed=survivor.absorbed + tuple(ids))
    events: list = [CommunityUpdated(**state_of(survivor), change="merged", absorbed=ids)]
    gone = [_abolished(c, effective_on, today, merged_into=absorbing.id) for c in merged]
    events += [_abolished_event(c) for c in gone]
    return survivor, gone, events


def check_merged(merged: tuple[str, ...], known: set[str]) -> None:
    """合并 names communities registry keeps: an unknown one is a 422 naming its place in `merged`."""
    problems = ProblemCollector()
    for n, community_id in enumerate(merged):
        if community_id not in known:
            problems.add(f"merged.{n}", "unknown-community", f"registry has no community {community_id}")
    problems.raise_if_any("The merger names communities registry does not keep")


def abolish(community: Community, effective_on: date, today: date) -> tuple[Community, list[CommunityAbolished]]:
    """撤销: the community ceases to exist from the decision's date."""
    _require_change(community, effective_on)
    gone = _abolished(community, effective_on, today)
    return gone, [_abolished_event(gone)]


def set_station(community: Community, station: Station) -> Community:
    """Record (or replace) the community's service station; one per community, every rule checked at once."""
    if not community.active:
        raise _abolished_conflict(community)
    station_problems(station, community.figures.rural).raise_if_any("The service station breaks the norms")
    clean = replace(station, name=station.name.strip(),
                    villages_served=tuple(v.strip() for v in station.villages_served))
    return replace(community, station=clean)


def summed(base: Figures, others: list[Figures]) -> Figures:
    """The absorbing community's figures plus the merged ones' (unknown household splits stay unknown)."""
    def total(field: str):
        values = [getattr(f, field) for f in (base, *others)]
        return None if any(v is None for v in values) else sum(values)
    fields = ("households", "resident_households", "registered_households", "resident_population",
              "registered_population", "migrant_population", "area_km2")
    return replace(base, **{field: total(field) for field in fields})


def state_of(community: Community) -> dict:
    """The record as the catalog's community events carry it."""
    f = community.figures
    return {"community_id": community.id, "name": f.name, "district_code": f.district_code, "street": f.street,
            "rural": f.rural, "households": f.households, "resident_households": f.resident_households,
            "registered_households": f.registered_households, "resident_population": f.resident_population,
            "registered_population": f.registered_population, "migrant_population": f.migrant_population,
            "area_km2": None if f.area_km2 is None else str(f.area_km2), "effective_on": community.effective_on}


def _abolished_conflict(community: Community) -> Conflict:
    return conflict(f"community {community.id} was abolished on {community.abolished_on}", "community-active",
                    abolished_on=str(community.abolished_on))


def _require_change(community: Community, effective_on: date) -> None:
    if not community.active:
        raise _abolished_conflict(community)
    if effective_on < community.established_on:
        raise InvalidInput.on("effective_on", "not-before-establishment",
                              f"the decision cannot take effect before the community's establishment on "
                              f"{community.established_on}")


def _record(community: Community, figures: Figures, kind: str, effective_on: date, today: date) -> Community:
    entry = HistoryEntry(what=kind, effective_on=effective_on, recorded_on=today)
    return replace(community, figures=figures, effective_on=effective_on, history=community.history + (entry,))


def _abolished(community: Community, effective_on: date, today: date, merged_into: str | None = None) -> Community:
    what = f"merged into {merged_into}" if merged_into else "abolished"
    entry = HistoryEntry(what=what, effective_on=effective_on, recorded_on=today)
    return replace(community, status=CommunityStatus.ABOLISHED, abolished_on=effective_on,
                   effective_on=effective_on, merged_into=merged_into, history=community.history + (entry,))


def _abolished_event(community: Community) -> CommunityAbolished:
    return CommunityAbolished(community_id=community.id, district_code=community.figures.district_code,
                              effective_on=community.effective_on, merged_into=community.merged_into)


def _clean(figures: Figures) -> Figures:
    return replace(figures, name=figures.name.strip(), street=figures.street.strip())
