"""What the use cases need from storage (the adapters' repositories satisfy these; tests pass
`tests.support.fakes.InMemoryRepository` or a small stand-in)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Protocol

from services.markets.domain.market import Market
from services.markets.domain.proposal import Proposal
from services.markets.domain.stations import Station
from shared.ports import Repository, Today
from shared.repository import Page

__all__ = ["Markets", "Plans", "References", "Stations", "Today"]


class Markets(Repository[Market], Protocol):
    async def all(self) -> list[Market]: ...

    async def listing(self, *, district_code: str | None, status: str | None, community_id: str | None,
                      page: int, size: int) -> Page[Market]: ...

    async def in_service(self) -> list[dict]:
        """Operating markets as coverage rows: id, lon, lat, area_m2 (the business area)."""
        ...

    async def with_cases(self, *, kind: str | None, status: str | None, district_code: str | None
                         ) -> list[Market]:
        """Markets having a case of the kind and a case with the status (a superset), by id."""
        ...

    async def awaiting_steps(self, statuses: list[str]) -> list[str]:
        """Ids of the markets in one of these statuses."""
        ...


class Plans(Repository[Proposal], Protocol):
    async def open_proposals(self) -> list[Proposal]:
        """Proposed or approved plans."""
        ...

    async def listing(self, *, status: str | None, page: int, size: int) -> Page[Proposal]: ...


class Stations(Repository[Station], Protocol):
    def siting_lock(self) -> AbstractAsyncContextManager[None]:
        """Held while a station is sited and saved, so two cannot be opened closer than the rule allows."""
        ...

    async def active_locations(self) -> list[dict]: ...

    async def active_ids(self) -> list[str]: ...

    async def listing(self, *, status: str | None, community_id: str | None, page: int, size: int
                      ) -> Page[Station]: ...


class References(Protocol):
    """Reference rows (residential areas, candidate sites, postal outlets) as dicts keyed by `id`, with their
    projected x, y in metres; a removed residential area is kept as a tombstone that only `get` returns."""

    def lock(self, row_id: str) -> AbstractAsyncContextManager[None]: ...

    async def upsert(self, rows: Sequence[dict]) -> int: ...

    async def put(self, row: dict) -> None: ...

    async def get(self, row_id: str) -> dict | None: ...

    async def all(self) -> list[dict]: ...

    async def ids(self, ids: Sequence[str]) -> list[dict]: ...

    async def near(self, centres: Sequence[tuple[float, float]], radius: float) -> list[dict]: ...

    async def flagged_page(self, skip: int, limit: int) -> tuple[list[dict], int]: ...

    async def page(self, filters: Mapping[str, str], skip: int, limit: int) -> tuple[list[dict], int]: ...

    async def live(self, row_id: str) -> dict | None: ...

    async def community_known(self, community_id: str) -> bool: ...
