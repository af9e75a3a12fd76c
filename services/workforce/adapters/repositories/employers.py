"""Workforce's record of the employers registry registered (the street offices that sign the agreements)."""
from __future__ import annotations

from datetime import date

from services.workforce.domain.employers import KnownEmployer
from shared.errors import Conflict
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore


def _to_document(e: KnownEmployer) -> dict:
    return {"id": e.id, "name": e.name, "registered_on": e.registered_on.isoformat(),
            "deregistered_on": None if e.deregistered_on is None else e.deregistered_on.isoformat()}


def _from_document(d: dict) -> KnownEmployer:
    gone = d.get("deregistered_on")
    return KnownEmployer(d["id"], d["name"], date.fromisoformat(d["registered_on"]),
                         None if gone is None else date.fromisoformat(gone))


CODEC = Codec(encode=_to_document, decode=_from_document)


def employer_repository(store: AggregateStore) -> AggregateRepository[KnownEmployer]:
    return AggregateRepository(store, CODEC, what="employer",
                               duplicate=lambda employer: Conflict(f"employer {employer.id} is known"))
