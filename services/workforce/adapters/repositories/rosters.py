"""Station rosters, one document per station (keyed by its community): hours and times as written (`08:30`)."""
from __future__ import annotations

from datetime import time
from decimal import Decimal

from services.workforce.domain.roster import Opening, Roster
from shared.errors import Conflict
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore


def _to_document(roster: Roster) -> dict:
    return {"id": roster.id, "weekly_hours": str(roster.weekly_hours), "openings": [
        {"day": o.day, "opens": o.opens.isoformat("minutes"), "closes": o.closes.isoformat("minutes"),
         "staff_on_duty": o.staff_on_duty} for o in roster.openings]}


def _from_document(d: dict) -> Roster:
    return Roster(d["id"], Decimal(d["weekly_hours"]), tuple(
        Opening(o["day"], time.fromisoformat(o["opens"]), time.fromisoformat(o["closes"]), o["staff_on_duty"])
        for o in d["openings"]))


CODEC = Codec(encode=_to_document, decode=_from_document)


def roster_repository(store: AggregateStore) -> AggregateRepository[Roster]:
    return AggregateRepository(store, CODEC, what="roster",
                               duplicate=lambda roster: Conflict(f"station {roster.id} has a roster"))
