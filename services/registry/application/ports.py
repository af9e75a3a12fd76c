"""What registry's use cases need from storage, as Protocols: the adapters' repositories satisfy them, tests pass
`tests.support.fakes.InMemoryRepository` (with a query method where a port has one)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from services.registry.domain.community import Community
from services.registry.domain.model import Employer
from services.registry.domain.residential_area import ResidentialArea
from services.registry.domain.star_community import StarCommunity
from services.registry.domain.technology_centre_record import TechnologyCentre
from shared.events import Event
from shared.ports import Now, Repository, Today
from shared.repository import Page

__all__ = ["CertificateSequences", "Communities", "Employers", "Now", "ResidentialAreas", "StaffingCounts",
           "StarCommunities", "TechnologyCentres", "Today"]


class Employers(Repository[Employer], Protocol):
    async def applications(self, page: int = 1, size: int = 20, *, overdue_on: date | None = None
                           ) -> Page[Employer]:
        """Applications under review (with `overdue_on`: past their review deadline on that day)."""

    async def id_by_uscc(self, uscc: str) -> str | None:
        """The live unit holding `uscc`, if any."""

    async def ids_not_inspected(self, year: int) -> list[str]:
        """Units with a valid certificate and no inspection for `year`."""


class CertificateSequences(Protocol):
    """第十五条: each district's sequence of certificate numbers; a claimed number can be given back."""

    async def allocate(self, scope: str, owner: Any = None) -> int: ...

    async def release(self, scope: str, n: int) -> None: ...


class _Places(Protocol):
    what: str

    async def add_many(self, places: Sequence[tuple[Any, Event]]) -> set[int]:
        """New records with one event each; the positions refused as duplicates (a live name taken)."""


class Communities(Repository[Community], _Places, Protocol):
    pass


class ResidentialAreas(Repository[ResidentialArea], _Places, Protocol):
    pass


class StaffingCounts(Protocol):
    """Workforce's latest count of full-time workers per community."""

    async def record(self, community_id: str, actual: int, counted_on: date) -> None: ...

    async def actual(self, community_id: str) -> int | None: ...


class StarCommunities(Repository[StarCommunity], Protocol):
    async def community_of(self, application_id: str) -> str | None:
        """The community holding the application, if any."""


class TechnologyCentres(Repository[TechnologyCentre], Protocol):
    async def certified(self, employer_ids: list[str]) -> list[str]:
        """Which of these enterprises hold a certified centre now."""
