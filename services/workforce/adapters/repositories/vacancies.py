"""Vacancies with their applications, one document each. Failed conditions are stored as objects: FerretDB v1
does not store nested arrays."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.workforce.domain.positions import Post
from services.workforce.domain.vacancy import Application, Vacancy
from services.workforce.adapters.repositories.workers import certificate_doc, certificate_of
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page
from shared.store import AggregateStore


def _to_document(v: Vacancy) -> dict:
    return {"id": v.id, "employer_id": v.employer_id, "community_id": v.community_id, "post": v.post.value,
            "places": v.places, "closing_date": v.closing_date.isoformat(), "term_end": v.term_end.isoformat(),
            "applications": [_application_doc(a) for a in v.applications]}


def _application_doc(a: Application) -> dict:
    return {"id": a.id, "name": a.name, "resident_id": a.resident_id, "education": a.education,
            "fresh_graduate": a.fresh_graduate, "hukou": a.hukou, "filed_on": a.filed_on.isoformat(),
            "failed": [{"field": f, "rule": r, "message": m} for f, r, m in a.failed],
            "score": None if a.score is None else str(a.score), "worker_id": a.worker_id,
            "certificates": [certificate_doc(c) for c in a.certificates]}


def _from_document(d: dict) -> Vacancy:
    apps = tuple(Application(
        a["id"], a["name"], a["resident_id"], a["education"], a["fresh_graduate"], a["hukou"],
        date.fromisoformat(a["filed_on"]), tuple((f["field"], f["rule"], f["message"]) for f in a["failed"]),
        tuple(certificate_of(c) for c in a["certificates"]),
        None if a["score"] is None else Decimal(a["score"]), a["worker_id"]) for a in d["applications"])
    return Vacancy(d["id"], d["employer_id"], d["community_id"], Post(d["post"]), d["places"],
                   date.fromisoformat(d["closing_date"]), date.fromisoformat(d["term_end"]), apps)


class VacancyRepository(AggregateRepository[Vacancy]):
    async def listing(self, page: PageRequest, *, community_id: str | None = None,
                      employer_id: str | None = None) -> Page[Vacancy]:
        query = {k: v for k, v in (("community_id", community_id), ("employer_id", employer_id)) if v is not None}
        return await self.page(query, page.page, page.size)


CODEC = Codec(encode=_to_document, decode=_from_document)
INDEXES = ["community_id", "employer_id"]


def vacancy_repository(store: AggregateStore) -> VacancyRepository:
    return VacancyRepository(store, CODEC, what="vacancy", indexes=INDEXES)
