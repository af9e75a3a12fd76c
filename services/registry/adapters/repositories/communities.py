"""Communities, one document each (the station inside): the only place with their queries."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.registry.adapters.repositories.places import PlaceRepository, name_taken, place_codec
from services.registry.domain.community import Community
from shared.errors import DomainError
from shared.repository import Codec

COMMUNITY = place_codec(Community, name_key=lambda c: f"{c.figures.district_code}/{c.figures.street}/{c.figures.name}",
                        district=lambda c: c.figures.district_code)


@dataclass
class CommunityRepository(PlaceRepository[Community]):
    codec: Codec[Community] = COMMUNITY
    what: str = "community"
    duplicate: Callable[[Community], DomainError] | None = name_taken(
        "community", lambda c: f"{c.figures.street}{c.figures.name}")

    async def active_ids(self) -> set[str]:
        """The ids of every community not abolished (the coverage of 第十条 counts them)."""
        cursor = self.collection.find({"status_key": "active"}, {"_id": 1})
        return {doc["_id"] async for doc in cursor}
