"""Star communities, one document each (applications, stars, spot checks, history): the only place with queries.

Applications live inside their community's document; the listing of applications filters the documents on
indexed copies of the applications' ids, statuses and years, then keeps the matching applications themselves."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from services.registry.domain.star_community import StarApplication, StarCommunity
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page


def _query_fields(community: StarCommunity) -> dict[str, Any]:
    applications = community.applications
    return {"application_ids": [a.id for a in applications],
            "application_statuses": sorted({a.status.value for a in applications}),
            "application_years": sorted({a.year for a in applications})}


STAR_COMMUNITY = Codec.of(StarCommunity, derived=_query_fields,
                          derived_fields=("application_ids", "application_statuses", "application_years"))


@dataclass
class StarCommunityRepository(AggregateRepository[StarCommunity]):
    codec: Codec[StarCommunity] = STAR_COMMUNITY
    what: str = "star record for community"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = (
        "application_ids", "application_statuses", "application_years", "stars")

    async def community_of(self, application_id: str) -> str | None:
        """The id of the community holding the application, if any."""
        doc = await self.collection.find_one({"application_ids": application_id}, {"_id": 1})
        return None if doc is None else doc["_id"]

    async def holding(self, application_id: str) -> StarCommunity | None:
        found = await self.find({"application_ids": application_id}, limit=1)
        return found[0] if found else None

    async def titled(self) -> list[StarCommunity]:
        """Every record holding a title now (stars above 0): the coverage of 第十条."""
        return await self.find({"stars": {"$gt": 0}})

    async def every(self) -> list[StarCommunity]:
        """Every star record (the yearly spot checks of 第十九条 are read across all of them)."""
        return await self.find({})

    async def search(self, paging: PageRequest, *, stars: int | None = None) -> Page[StarCommunity]:
        return await self.page({} if stars is None else {"stars": stars}, paging.page, paging.size)

    async def applications(self, paging: PageRequest, *, status: str | None = None,
                           community_id: str | None = None, year: int | None = None
                           ) -> Page[tuple[StarCommunity, StarApplication]]:
        """Applications (with their community) matching every filter given, by application date then id."""
        query: dict[str, Any] = {}
        for field, value in (("_id", community_id), ("application_statuses", status), ("application_years", year)):
            if value is not None:
                query[field] = value
        found = [(community, application) for community in await self.find(query)
                 for application in community.applications
                 if (status is None or application.status == status) and (year is None or application.year == year)]
        found.sort(key=lambda pair: (pair[1].applied_on, pair[1].id))
        return Page(found[paging.skip:paging.skip + paging.size], len(found))
