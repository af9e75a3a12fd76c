"""Star communities, one document each (applications, stars, spot checks, history): the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from services.registry.domain.star_community import StarCommunity
from shared.repository import AggregateRepository, Codec

STAR_COMMUNITY = Codec.of(StarCommunity,
                          derived=lambda community: {"application_ids": [a.id for a in community.applications]},
                          derived_fields=("application_ids",))


@dataclass
class StarCommunityRepository(AggregateRepository[StarCommunity]):
    codec: Codec[StarCommunity] = STAR_COMMUNITY
    what: str = "star record for community"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = ("application_ids",)

    async def community_of(self, application_id: str) -> str | None:
        """The id of the community holding the application, if any."""
        doc = await self.collection.find_one({"application_ids": application_id}, {"_id": 1})
        return None if doc is None else doc["_id"]
