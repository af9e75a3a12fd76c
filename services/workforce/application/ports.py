"""What workforce's use cases need from storage. The adapters (`adapters/repositories/`) satisfy these, the tests
pass `tests.support.fakes.InMemoryRepository`; no use case imports an adapter."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from services.workforce.domain.employers import KnownEmployer
from services.workforce.domain.roster import Roster
from services.workforce.domain.staffing import ProjectedCommunity
from services.workforce.domain.station import StationPosts
from services.workforce.domain.vacancy import Vacancy
from services.workforce.domain.worker import Worker
from shared.paging import PageRequest
from shared.ports import Repository, Today
from shared.repository import Page

__all__ = ["Claim", "Claims", "Communities", "Employers", "Rosters", "Run", "Runs", "StationPostsRepo", "Today", "Vacancies", "Workers"]


@dataclass(frozen=True)
class Claim:
    """`post:<community>:<post>` or `person:<hash of the resident id>`, held by one active worker: a second claim
    of the same key is refused by the store (a unique key, the one write FerretDB v1 makes atomic), so two
    concurrent hires for one post or one person cannot both succeed."""

    id: str
    worker_id: str


@dataclass(frozen=True)
class Run:
    """A payroll or bonus run as computed, stored once under what may run once (a month; a street's year)."""

    id: str
    record: dict[str, Any]


class Workers(Repository[Worker], Protocol):
    async def search(self, *, community_id: str | None = None, employer_id: str | None = None,
                     status: str | None = None) -> list[Worker]:
        """Workers by community, employer and status (`active` / `separated`), any of them left out."""
        ...

    async def listing(self, page: PageRequest, *, community_id: str | None = None, employer_id: str | None = None,
                      status: str | None = None) -> Page[Worker]:
        """The same filters, a page at a time, by id."""
        ...

    async def in_service_between(self, first: date, last: date, employer_id: str | None = None) -> list[Worker]:
        """Workers who started by `last` and had not left before `first`."""
        ...


class Claims(Repository[Claim], Protocol):
    async def release(self, keys: Sequence[str]) -> None: ...


class Communities(Repository[ProjectedCommunity], Protocol):
    async def overview(self, page: PageRequest, *, district_code: str | None = None,
                       short: bool | None = None) -> Page[ProjectedCommunity]:
        """Communities in force (not abolished), by id, a page at a time; filters left out when None."""
        ...

    async def awaiting_reassignment(self, page: PageRequest) -> Page[ProjectedCommunity]:
        """Abolished communities that still have active workers, by id, a page at a time."""
        ...

    async def without_counts(self) -> list[str]:
        """Ids of records stored before their counts were kept with them."""
        ...


class Vacancies(Repository[Vacancy], Protocol):
    async def listing(self, page: PageRequest, *, community_id: str | None = None,
                      employer_id: str | None = None) -> Page[Vacancy]:
        """Vacancies by community and employer, any of them left out, a page at a time, by id."""
        ...


Employers = Repository[KnownEmployer]
Runs = Repository[Run]
Rosters = Repository[Roster]
StationPostsRepo = Repository[StationPosts]
