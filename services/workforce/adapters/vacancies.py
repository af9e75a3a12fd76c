"""Vacancies with their applications: one document each, through the AggregateStore. Failed conditions are
stored as objects: FerretDB v1 does not store nested arrays."""
from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import date
from decimal import Decimal

from services.workforce.domain.positions import Post
from services.workforce.domain.vacancy import Application, Vacancy
from services.workforce.domain.worker import Certificate
from shared.store import AggregateStore, Loaded


class VacancyRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    def lock(self, vacancy_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(vacancy_id)

    async def load(self, vacancy_id: str) -> tuple[Vacancy | None, Loaded | None]:
        loaded = await self._store.load(vacancy_id)
        return (None, None) if loaded is None else (_from_doc(loaded.id, loaded.state), loaded)

    async def save(self, vacancy: Vacancy, *, loaded: Loaded | None) -> None:
        await self._store.save(vacancy.id, _to_doc(vacancy), loaded=loaded)


def _to_doc(v: Vacancy) -> dict:
    return {"employer_id": v.employer_id, "community_id": v.community_id, "post": v.post.value, "places": v.places,
            "closing_date": v.closing_date.isoformat(), "term_end": v.term_end.isoformat(),
            "applications": [_application_doc(a) for a in v.applications]}


def _application_doc(a: Application) -> dict:
    return {"id": a.id, "name": a.name, "resident_id": a.resident_id, "education": a.education,
            "fresh_graduate": a.fresh_graduate, "hukou": a.hukou, "filed_on": a.filed_on.isoformat(),
            "failed": [{"field": f, "rule": r, "message": m} for f, r, m in a.failed], "score": None if a.score is None else str(a.score),
            "worker_id": a.worker_id,
            "certificates": [{"kind": c.kind, "number": c.number, "registered_on": c.registered_on.isoformat()}
                             for c in a.certificates]}


def _from_doc(vacancy_id: str, d: dict) -> Vacancy:
    apps = tuple(Application(
        a["id"], a["name"], a["resident_id"], a["education"], a["fresh_graduate"], a["hukou"],
        date.fromisoformat(a["filed_on"]), tuple((f["field"], f["rule"], f["message"]) for f in a["failed"]),
        tuple(Certificate(c["kind"], c["number"], date.fromisoformat(c["registered_on"])) for c in a["certificates"]),
        None if a["score"] is None else Decimal(a["score"]), a["worker_id"]) for a in d["applications"])
    return Vacancy(vacancy_id, d["employer_id"], d["community_id"], Post(d["post"]), d["places"],
                   date.fromisoformat(d["closing_date"]), date.fromisoformat(d["term_end"]), apps)
