"""Employers, one document each (application → registration → deregistration): the only place with their queries.

One live unit per USCC: `uscc_key` is the USCC, unique, while the unit lives; a rejected or deregistered one frees
its code (its key then names the employer).

Every filter of the search is an equality on an indexed field, the only kind of filter FerretDB v1 answers in
PostgreSQL (bench/ferret_lookup.py); anything else (a `$regex`, a sort) decodes every candidate document. A name
is searched through `name_grams`, its characters and pairs of characters: one pair of the search text narrows the
candidates in PostgreSQL, the substring test then runs on those only (bench/registry_search.py)."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from services.registry.domain.model import Employer, EmployerStatus
from services.registry.domain.problems import conflict
from shared.errors import Conflict, DomainError
from shared.mongo import ASCENDING
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page

_RETIRED = {EmployerStatus.REJECTED, EmployerStatus.DEREGISTERED}


def name_grams(text: str) -> list[str]:
    """The characters and the pairs of adjacent characters of a name, case and spaces ignored."""
    folded = "".join(text.lower().split())
    return sorted(set(folded) | {folded[i:i + 2] for i in range(len(folded) - 1)})


def _narrowing_gram(text: str) -> str | None:
    """The gram of the search text PostgreSQL filters on: a middle pair (a name's ends, 北京…有限公司, are common)."""
    folded = "".join(text.lower().split())
    if len(folded) < 2:
        return folded or None
    middle = (len(folded) - 1) // 2
    return folded[middle:middle + 2]


def _query_fields(employer: Employer) -> dict[str, Any]:
    retired = employer.status in _RETIRED
    return {"uscc_key": f"{employer.uscc}/{employer.id}" if retired else employer.uscc,
            "certificate_status": employer.certificate.status.value if employer.certificate else None,
            "inspected_years": sorted(employer.inspected_years), "name_grams": name_grams(employer.name)}


def _duplicate(employer: Employer) -> Conflict:
    """第十五条: one live unit per USCC (a rejected or deregistered one frees it)."""
    return conflict(f"an employer with USCC {employer.uscc} is already registered or applying", "unique-uscc",
                    field="uscc", uscc=employer.uscc)


def _upgraded(document: Mapping[str, Any]) -> Mapping[str, Any]:
    """Documents written before issue 21 name the review deadline `review_due`."""
    application = document.get("application")
    if not application or "review_due" not in application:
        return document
    renamed = {("decision_due" if k == "review_due" else k): v for k, v in application.items()}
    return {**document, "application": renamed}


def _applications(overdue_on: date | None) -> dict:
    query: dict = {"status": EmployerStatus.APPLIED.value}
    if overdue_on is not None:
        query["$or"] = [{"application.decision_due": {"$lt": overdue_on.isoformat()}},
                        {"application.review_due": {"$lt": overdue_on.isoformat()}}]
    return query


_CODEC = Codec.of(Employer, derived=_query_fields,
                  derived_fields=("uscc_key", "certificate_status", "inspected_years", "name_grams"))
EMPLOYER = replace(_CODEC, decode=lambda document: _CODEC.decode(_upgraded(document)))


@dataclass
class EmployerRepository(AggregateRepository[Employer]):
    codec: Codec[Employer] = EMPLOYER
    what: str = "employer"
    duplicate: Callable[[Employer], DomainError] | None = _duplicate
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = (
        ("uscc_key", {"unique": True, "name": "uscc_key_unique"}), "status", "district_code", "name_grams", "uscc")

    async def id_by_uscc(self, uscc: str) -> str | None:
        """The live (not rejected, not deregistered) unit holding `uscc`, if any."""
        found = await self.collection.find_one({"uscc_key": uscc}, {"_id": 1})
        return found["_id"] if found else None

    async def exists(self, employer_id: str) -> bool:
        return await self.collection.find_one({"_id": employer_id}, {"_id": 1}) is not None

    async def search(self, *, paging: PageRequest, name: str | None = None, uscc: str | None = None,
                     district: str | None = None, status: str | None = None) -> Page[Employer]:
        query: dict = {k: v for k, v in (("uscc", uscc), ("district_code", district), ("status", status)) if v}
        if name and (gram := _narrowing_gram(name)):
            query |= {"name_grams": gram, "name": {"$regex": re.escape(name.strip()), "$options": "i"}}
        return await self.page(query, paging.page, paging.size)

    async def applications(self, paging: PageRequest, *, overdue_on: date | None = None) -> Page[Employer]:
        """Applications under review; with `overdue_on`, those still under review after their 10-working-day
        deadline (decision_due before that day)."""
        return await self.page(_applications(overdue_on), paging.page, paging.size)

    async def overdue_applications(self, on: date) -> list[Employer]:
        """Every application still under review after its review deadline on `on` (the overdue cases)."""
        return await self.find(_applications(on))

    async def ids_not_inspected(self, year: int) -> list[str]:
        """Ids of units with a valid certificate and no inspection for `year` (the domain decides who lapses)."""
        cursor = self.collection.find(
            {"certificate_status": "valid", "inspected_years": {"$nin": [year]}}, {"_id": 1}).sort("_id", ASCENDING)
        return [doc["_id"] async for doc in cursor]
