"""Residential areas (居住区), one document each: the only place with their queries."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.registry.adapters.repositories.places import PlaceRepository, name_taken, place_codec
from services.registry.domain.residential_area import ResidentialArea
from shared.errors import DomainError
from shared.repository import Codec

RESIDENTIAL_AREA = place_codec(ResidentialArea, name_key=lambda a: f"{a.facts.district_code}/{a.facts.name}",
                               district=lambda a: a.facts.district_code)


@dataclass
class ResidentialAreaRepository(PlaceRepository[ResidentialArea]):
    codec: Codec[ResidentialArea] = RESIDENTIAL_AREA
    what: str = "residential area"
    duplicate: Callable[[ResidentialArea], DomainError] | None = name_taken(
        "residential area", lambda a: a.facts.name)
