"""API shapes of communities, stations and residential areas (also the shape of one import row)."""
from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from services.registry.adapters.schemas import plain
from services.registry.application.place_imports import ImportResult
from services.registry.domain.community import Community, Figures
from services.registry.domain.compliance import Norm, Profile, compliant
from services.registry.domain.residential_area import AreaFacts, ResidentialArea
from services.registry.domain.station import Station
from shared.params import MAX_HOUSEHOLDS, MAX_PEOPLE
from shared.schemas import RequestBody

DECISION = Field(description="the district government's decision takes effect on this day")


class CommunityIn(RequestBody):
    name: str = Field(min_length=1, max_length=100, description="e.g. 苏州街社区 or 东村")
    district_code: str = Field(pattern=r"^\d{6}$", description="Beijing district code, e.g. 110108")
    street: str = Field(min_length=1, max_length=100, description="街道 / 乡镇, e.g. 海淀街道")
    kind: Literal["urban", "rural"] = Field(description="urban (居委会) or rural (村委会)")
    households: int = Field(ge=0, le=MAX_HOUSEHOLDS, description="实有户数")
    resident_households: int | None = Field(None, ge=0, le=MAX_HOUSEHOLDS, description="常住户数 (Wenzhou funding formula)")
    registered_households: int | None = Field(None, ge=0, le=MAX_HOUSEHOLDS, description="户籍户数")
    resident_population: int = Field(0, ge=0, le=MAX_PEOPLE)
    registered_population: int = Field(0, ge=0, le=MAX_PEOPLE)
    migrant_population: int = Field(0, ge=0, le=MAX_PEOPLE, description="流动人口 / 新居民")
    area_km2: Decimal | None = Field(None, gt=0)
    service_space_m2: Decimal | None = Field(None, gt=0, description="社区工作服务用房面积 (Wenzhou norm)")
    seat: Literal["city", "county_seat"] | None = Field(None, description=(
        "Wenzhou profile 第八条: city (市区, ≥ 2000 households) or county_seat (县(市)所在地及其他建制镇, about "
        "2000–4000 households); left out: city"))
    effective_on: date = DECISION

    def figures(self) -> Figures:
        stated = {f.name for f in fields(Figures)} - {"rural"}  # a change's `change` is not a figure
        return Figures(**self.model_dump(include=stated), rural=self.kind == "rural")


class CommunityChangeIn(CommunityIn):
    change: Literal["resized", "figures", "renamed"] = Field(description="resized (调整), new figures, renamed")


class MergeIn(RequestBody):
    merged: list[str] = Field(min_length=1, description="ids of the communities merged into this one (abolished)")
    effective_on: date = DECISION
    figures: CommunityIn | None = Field(None, description="the merged community's figures if the decision states "
                                                          "them (its effective_on is ignored); else the sums")


class AbolishIn(RequestBody):
    effective_on: date = DECISION


class FiguresOut(BaseModel):
    """What the district's decision states about the community (counts of people or households, areas)."""

    name: str
    district_code: str
    street: str
    households: int
    resident_households: int | None = None
    registered_households: int | None = None
    resident_population: int = 0
    registered_population: int = 0
    migrant_population: int = 0
    area_km2: Decimal | None = None
    service_space_m2: Decimal | None = None
    seat: Literal["city", "county_seat"] | None = None


class CommunityHistoryOut(BaseModel):
    what: str = Field(description="registered, resized, figures, renamed, merged, abolished")
    effective_on: date
    recorded_on: date


class CommunityOut(BaseModel):
    id: str
    kind: Literal["urban", "rural"]
    status: Literal["active", "abolished"]
    established_on: date
    effective_on: date
    abolished_on: date | None = None
    merged_into: str | None = None
    absorbed: list[str] = []
    station: Station | None = None
    history: list[CommunityHistoryOut] = []
    figures: FiguresOut

    @classmethod
    def of(cls, c: Community) -> "CommunityOut":
        return cls(**plain(c, exclude={"figures"}), kind="rural" if c.figures.rural else "urban",
                   figures=plain(c.figures, exclude={"rural"}))


class StationIn(RequestBody):
    name: str = Field(min_length=1, max_length=100, description="××街道(乡镇)××(村)社区服务站")
    work_space_m2: Decimal = Field(gt=0, description="工作用房面积: urban ≥ 50, rural ≥ 20")
    separate_from_committee_office: bool = Field(description="separate from the committee's office (一门式)")
    standing_posts: list[str] = Field(description="the six standing posts: employment_labour_rights, "
                                      "welfare_social_security, population_family_planning_health, "
                                      "public_security_governance, mass_organisations, general_affairs")
    special_posts: list[str] = Field(default_factory=list, description="at most two special posts (特设岗位)")
    weekly_hours: Decimal = Field(gt=0, description="opening hours a week, ≥ 40")
    villages_served: list[str] = Field(default_factory=list, description="rural only: adjacent villages served")
    head: str | None = None
    deputy: str | None = None

    def station(self) -> Station:
        lists = ("standing_posts", "special_posts", "villages_served")
        return Station(**self.model_dump(exclude=set(lists)), **{name: tuple(getattr(self, name)) for name in lists})


class AreaIn(RequestBody):
    name: str = Field(min_length=1, max_length=200)
    district_code: str = Field(pattern=r"^\d{6}$")
    community_id: str | None = Field(None, max_length=100, description="a community registry keeps (not abolished); "
                                                                      "else 422 unknown-community")
    lon: float = Field(description="WGS84 longitude, inside Beijing")
    lat: float = Field(description="WGS84 latitude, inside Beijing")
    residents: int = Field(ge=0, le=MAX_PEOPLE)
    kind: Literal["existing", "new"] = "existing"
    residential_floor_area: Decimal | None = Field(None, ge=0, description="m²; required for a new area")
    planned_market_area: Decimal | None = Field(None, ge=0, description="m², as the planning permit names it")
    phased: bool = False
    housing_completed_percent: Decimal | None = Field(None, description="phased projects: 0–100")
    effective_on: date = DECISION

    def facts(self) -> AreaFacts:
        return AreaFacts(**self.model_dump(exclude={"effective_on"}))


class RemoveIn(RequestBody):
    effective_on: date = DECISION


class AreaFactsOut(BaseModel):
    name: str
    district_code: str
    community_id: str | None = None
    lon: float = Field(description="WGS84 longitude")
    lat: float = Field(description="WGS84 latitude")
    residents: int
    kind: Literal["existing", "new"]
    residential_floor_area: Decimal | None = Field(None, description="m²")
    planned_market_area: Decimal | None = Field(None, description="m²")
    phased: bool = False
    housing_completed_percent: Decimal | None = None


class AreaOut(BaseModel):
    id: str
    status: Literal["active", "removed"]
    registered_on: date
    effective_on: date
    removed_on: date | None = None
    facts: AreaFactsOut

    @classmethod
    def of(cls, a: ResidentialArea) -> "AreaOut":
        return cls(**plain(a))


class ImportOut(BaseModel):
    received: int
    imported: int
    ids: list[str] = Field(description="ids of the imported records, in the order of their lines")
    errors: list[dict[str, Any]] = Field(description="{line, field, rule, message}; CSV lines count the header "
                                                     "as line 1, a JSON array's first element is line 1")

    @classmethod
    def of(cls, result: ImportResult) -> "ImportOut":
        return cls(received=result.received, imported=len(result.ids), ids=result.ids, errors=result.errors)


class NormOut(BaseModel):
    """One norm of the profile: what it asks (`expected`) beside what the records show (`observed`), as text with
    their units ("4", "50 m²", "176800.00 yuan")."""

    norm: str
    rule: str = Field(description="the regulation's words")
    status: Literal["pass", "fail", "unknown", "info"]
    expected: str | None = None
    observed: str | None = None
    detail: str | None = None
    article: str | None = Field(None, description="the article of the profile's regulation the norm comes from")

    @classmethod
    def of(cls, norm: Norm) -> "NormOut":
        return cls(norm=norm.norm, rule=norm.rule, status=norm.status, expected=norm.required,
                   observed=norm.actual, detail=norm.detail, article=norm.article)


class ComplianceOut(BaseModel):
    community_id: str
    profile: Literal["beijing", "wenzhou"]
    compliant: bool = Field(description="no norm failed (unknown ones are not counted as failed)")
    norms: list[NormOut]

    @classmethod
    def of(cls, community_id: str, profile: Profile, norms: list[Norm]) -> "ComplianceOut":
        return cls(community_id=community_id, profile=profile, norms=[NormOut.of(n) for n in norms],
                   compliant=compliant(norms))


class CatalogueGroupOut(BaseModel):
    name: str
    services: list[str] = Field(description="the services of the group, in the catalogue's wording")


class CatalogueSectionOut(BaseModel):
    """One section of the service stations' catalogue (公共服务事项, 公益服务事项, 便利服务事项)."""

    key: str
    name: str
    name_en: str
    groups: list[CatalogueGroupOut]

    @classmethod
    def of(cls, section: dict[str, Any]) -> "CatalogueSectionOut":
        groups = [CatalogueGroupOut(name=g["name"], services=g["items"]) for g in section["groups"]]
        return cls(key=section["key"], name=section["name"], name_en=section["name_en"], groups=groups)
