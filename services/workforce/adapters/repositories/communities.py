"""Workforce's projection of registry's communities, each with its last staffing verdict in the same document
(the outbox carries the counted and shortfall events in that write)."""
from __future__ import annotations

from datetime import date

from services.workforce.domain.staffing import Community, Profile, ProjectedCommunity, Verdict
from shared.errors import Conflict
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page
from shared.store import AggregateStore


class CommunityRepository(AggregateRepository[ProjectedCommunity]):
    """Plain equalities on indexed fields only: FerretDB v1 pushes nothing else down to PostgreSQL (an `$ne` or
    an `$in` decodes the whole collection), hence the stored `abolished` and `awaiting_reassignment` flags."""

    async def overview(self, page: PageRequest, *, district_code: str | None = None,
                       short: bool | None = None) -> Page[ProjectedCommunity]:
        query = {"abolished": False} | _given(district_code=district_code, short=short)
        return await self.page(query, page.page, page.size)

    async def awaiting_reassignment(self, page: PageRequest) -> Page[ProjectedCommunity]:
        return await self.page({"awaiting_reassignment": True}, page.page, page.size)

    async def without_counts(self) -> list[str]:
        """Ids of records stored before the counts and query flags were kept with them (read once, at start)."""
        cursor = self.collection.find({"abolished": {"$exists": False}}, {"_id": 1})
        return [doc["_id"] async for doc in cursor]


def _given(**filters) -> dict:
    return {k: v for k, v in filters.items() if v is not None}


def _to_document(projected: ProjectedCommunity) -> dict:
    community, verdict = projected.community, projected.verdict
    return {"id": community.id, "name": community.name, "rural": community.rural,
            "households": community.households, "migrants": community.migrants,
            "profile": community.profile.value, "district_code": community.district_code,
            "effective_on": _iso(community.effective_on), "abolished_on": _iso(community.abolished_on),
            "merged_into": community.merged_into, "short": verdict.short, "counted": verdict.counted,
            "active_workers": projected.active_workers, "station_workers": projected.station_workers}


def _query_fields(projected: ProjectedCommunity) -> dict:
    abolished = projected.community.abolished
    return {"abolished": abolished, "awaiting_reassignment": abolished and projected.active_workers > 0}


def _from_document(d: dict) -> ProjectedCommunity:
    community = Community(d["id"], d["name"], d["rural"], d["households"], d["migrants"], Profile(d["profile"]),
                          d.get("district_code", ""), _date(d.get("effective_on")), _date(d.get("abolished_on")),
                          d.get("merged_into"))
    return ProjectedCommunity(community, Verdict(short=d.get("short", False), counted=d.get("counted", 0)),
                              d.get("active_workers", 0), d.get("station_workers"))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


CODEC = Codec(encode=_to_document, decode=_from_document, derived=_query_fields,
              derived_fields=("abolished", "awaiting_reassignment"))
INDEXES = ["abolished", "awaiting_reassignment", "district_code", "short"]  # every filter of `overview`


def community_repository(store: AggregateStore) -> CommunityRepository:
    return CommunityRepository(store, CODEC, what="community", indexes=INDEXES,
                               duplicate=lambda projected: Conflict(f"community {projected.id} is projected"))
