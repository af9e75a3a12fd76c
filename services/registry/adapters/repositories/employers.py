"""Employers, one document each (application → registration → deregistration): the only place with their queries.

One live unit per USCC: `uscc_key` is the USCC, unique, while the unit lives; a rejected or deregistered one frees
its code (its key then names the employer)."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.registry.domain.model import Employer, EmployerStatus
from shared.errors import Conflict, DomainError
from shared.mongo import ASCENDING
from shared.repository import AggregateRepository, Codec, Page

_RETIRED = {EmployerStatus.REJECTED, EmployerStatus.DEREGISTERED}


def _query_fields(employer: Employer) -> dict[str, Any]:
    retired = employer.status in _RETIRED
    return {"uscc_key": f"{employer.uscc}/{employer.id}" if retired else employer.uscc,
            "certificate_status": employer.certificate.status.value if employer.certificate else None,
            "inspected_years": sorted(employer.inspected_years)}


def _duplicate(employer: Employer) -> Conflict:
    return Conflict(f"an employer with USCC {employer.uscc} is already registered or applying", uscc=employer.uscc)


EMPLOYER = Codec.of(Employer, derived=_query_fields,
                    derived_fields=("uscc_key", "certificate_status", "inspected_years"))


@dataclass
class EmployerRepository(AggregateRepository[Employer]):
    codec: Codec[Employer] = EMPLOYER
    what: str = "employer"
    duplicate: Callable[[Employer], DomainError] | None = _duplicate
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = (
        ("uscc_key", {"unique": True, "name": "uscc_key_unique"}), "status", "district_code", "name")

    async def id_by_uscc(self, uscc: str) -> str | None:
        """The live (not rejected, not deregistered) unit holding `uscc`, if any."""
        found = await self.collection.find_one({"uscc_key": uscc}, {"_id": 1})
        return found["_id"] if found else None

    async def search(self, *, name: str | None = None, uscc: str | None = None, district: str | None = None,
                     status: str | None = None, page: int = 1, size: int = 20) -> Page[Employer]:
        query: dict = {}
        if name:
            query["name"] = {"$regex": re.escape(name)}
        query |= {k: v for k, v in (("uscc", uscc), ("district_code", district), ("status", status)) if v}
        return await self.page(query, page, size)

    async def applications(self, page: int = 1, size: int = 20, *, overdue_on: date | None = None
                           ) -> Page[Employer]:
        """Applications under review; with `overdue_on`, those still under review after their 10-working-day
        deadline (review_due before that day)."""
        query: dict = {"status": EmployerStatus.APPLIED.value}
        if overdue_on is not None:
            query["application.review_due"] = {"$lt": overdue_on.isoformat()}
        return await self.page(query, page, size)

    async def ids_not_inspected(self, year: int) -> list[str]:
        """Ids of units with a valid certificate and no inspection for `year` (the domain decides who lapses)."""
        cursor = self.collection.find(
            {"certificate_status": "valid", "inspected_years": {"$nin": [year]}}, {"_id": 1}).sort("_id", ASCENDING)
        return [doc["_id"] async for doc in cursor]
