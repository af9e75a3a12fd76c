"""What registry's use cases need from storage, as Protocols: the adapters' repositories satisfy them, tests pass
`tests.support.fakes.InMemoryRepository` (with a query method where a port has one)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from services.registry.domain.community import Community
from services.registry.domain.model import Employer
from services.registry.domain.residential_area import ResidentialArea
from services.registry.domain.star_community import StarApplication, StarCommunity
from services.registry.domain.technology_centre_record import TechnologyCentre
from shared.events import Event
from shared.ports import Now, Repository, Today
from shared.paging import PageRequest
from shared.repository import Page

__all__ = ["CertificateSequences", "Communities", "Employers", "Now", "ResidentialAreas", "StaffingCounts",
           "StarCommunities", "TechnologyCentres", "Today"]


class Employers(Repository[Employer], Protocol):
    async def applications(self, paging: PageRequest, *, overdue_on: date | None = None) -> Page[Employer]:
        """Applications under review (with `overdue_on`: past their review deadline on that day)."""

    async def id_by_uscc(self, uscc: str) -> str | None:
        """The live unit holding `uscc`, if any."""

    async def ids_not_inspected(self, year: int) -> list[str]:
        """Units with a valid certificate and no inspection for `year`."""

    async def overdue_applications(self, on: date) -> list[Employer]:
        """Applications still under review after their review deadline on `on`."""


class CertificateSequences(Protocol):
    """第十五条: each district's sequence of certificate numbers; a claimed number can be given back."""

    async def allocate(self, scope: str, owner: Any = None) -> int: ...

    async def claim(self, scope: str, n: int, owner: Any = None) -> bool:
        """Claim a number issued before (an import); False if taken."""

    async def release(self, scope: str, n: int) -> None: ...


class _Places(Protocol):
    what: str

    async def add_many(self, places: Sequence[tuple[Any, Event]]) -> set[int]:
        """New records with one event each; the positions refused as duplicates (a live name taken)."""


class Communities(Repository[Community], _Places, Protocol):
    async def active_among(self, record_ids: set[str]) -> set[str]:
        """Which of these ids name a community not abolished."""

    async def active_ids(self) -> set[str]:
        """Every community not abolished."""


class ResidentialAreas(Repository[ResidentialArea], _Places, Protocol):
    pass


class StaffingCounts(Protocol):
    """Workforce's latest count of full-time workers per community."""

    async def record(self, community_id: str, actual: int, counted_on: date) -> None: ...

    async def actual(self, community_id: str) -> int | None: ...


class StarCommunities(Repository[StarCommunity], Protocol):
    async def community_of(self, application_id: str) -> str | None:
        """The community holding the application, if any."""

    async def holding(self, application_id: str) -> StarCommunity | None:
        """The star record holding the application, if any, for a read (one round trip)."""

    async def search(self, paging: PageRequest, *, stars: int | None = None) -> Page[StarCommunity]:
        """Star records, optionally those holding `stars` stars now."""

    async def titled(self) -> list[StarCommunity]:
        """Every record holding a title now."""

    async def every(self) -> list[StarCommunity]:
        """Every star record."""

    async def applications(self, paging: PageRequest, *, status: str | None = None,
                           community_id: str | None = None, year: int | None = None
                           ) -> Page[tuple[StarCommunity, StarApplication]]:
        """Applications (with their community) matching every filter given."""


class TechnologyCentres(Repository[TechnologyCentre], Protocol):
    async def certified(self, employer_ids: list[str]) -> list[str]:
        """Which of these enterprises hold a certified centre now."""

    async def search(self, paging: PageRequest, *, status: str | None = None) -> Page[TechnologyCentre]:
        """Centre records, optionally in one status."""

    async def past_due(self, on: date) -> list[TechnologyCentre]:
        """Centres with a pending deadline before `on` (at least: the domain decides)."""
