"""Events registry publishes about places: communities (社区) and residential areas (居住区).

Registry is the master data; workforce projects communities (staffing norms), markets projects residential areas
(coverage engine). Each event carries the whole current record (event-carried state transfer), so a consumer that
missed one catches up with the next; `effective_on` is the district government's decision date.
"""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from shared.events.base import Event


class _CommunityEvent(Event):
    producer: ClassVar[str] = "registry"
    consumers: ClassVar[tuple[str, ...]] = ("workforce",)

    community_id: str

    def subject(self) -> str:
        return self.community_id


class _CommunityState(_CommunityEvent):
    """A community's record as it stands: the jurisdiction of a residents' (urban) or villagers' (rural) committee."""

    name: str
    district_code: str
    street: str  # 街道 / 乡镇
    rural: bool
    households: int  # 实有户数
    resident_households: int | None = None  # 常住户数 (Wenzhou funding formula)
    registered_households: int | None = None  # 户籍户数
    resident_population: int
    registered_population: int
    migrant_population: int
    area_km2: str | None = None  # decimal as a string
    effective_on: date


class CommunityRegistered(_CommunityState):
    """The district government created a community (社区设立)."""

    type: ClassVar[str] = "registry.community.registered"


class CommunityUpdated(_CommunityState):
    """A community was resized or its figures changed; after a merger the surviving community carries
    `absorbed` (the ids of the communities merged into it)."""

    type: ClassVar[str] = "registry.community.updated"

    change: Literal["resized", "figures", "merged", "renamed"]
    absorbed: list[str] = []


class CommunityAbolished(_CommunityEvent):
    """A community was abolished (撤销), or merged into `merged_into`."""

    type: ClassVar[str] = "registry.community.abolished"
    # workforce closes the community's staffing norm; markets moves or marks its residential areas; registry itself
    # withdraws its smart-community title
    consumers: ClassVar[tuple[str, ...]] = ("workforce", "markets", "registry")

    district_code: str
    effective_on: date
    merged_into: str | None = None


class _ResidentialAreaEvent(Event):
    producer: ClassVar[str] = "registry"
    consumers: ClassVar[tuple[str, ...]] = ("markets",)

    area_id: str

    def subject(self) -> str:
        return self.area_id


class _ResidentialAreaState(_ResidentialAreaEvent):
    """A residential area as it stands. Location in WGS84 degrees; floor areas in m² as decimal strings.
    A new area (新建居住区) carries its residential floor area and the market floor area its planning permit names;
    a phased project (分期建设) also the share of its housing completed so far (percent, decimal string)."""

    name: str
    district_code: str
    community_id: str | None = None
    lon: float
    lat: float
    residents: int
    kind: Literal["existing", "new"]
    residential_floor_area: str | None = None
    planned_market_area: str | None = None
    phased: bool = False
    housing_completed_percent: str | None = None
    effective_on: date


class ResidentialAreaRegistered(_ResidentialAreaState):
    type: ClassVar[str] = "registry.residential_area.registered"


class ResidentialAreaUpdated(_ResidentialAreaState):
    """Residents, floor areas, location or construction progress changed."""

    type: ClassVar[str] = "registry.residential_area.updated"


class ResidentialAreaRemoved(_ResidentialAreaEvent):
    """The area no longer exists as a residential area (demolished, merged into another record)."""

    type: ClassVar[str] = "registry.residential_area.removed"

    district_code: str
    effective_on: date
