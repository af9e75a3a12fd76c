"""Replanning proposals (补建方案), one document per closed market or per area event: the id makes a second
proposal for the same cause impossible."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import asdict
from datetime import date

from services.markets.domain.proposal import OPEN, Proposal
from services.markets.domain.replan import ChosenSite, Gap, Plan
from shared.events import Event
from shared.store import AggregateStore, Loaded


class PlanRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    def lock(self, plan_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(plan_id)

    async def load(self, plan_id: str) -> tuple[Proposal | None, Loaded | None]:
        loaded = await self._store.load(plan_id)
        return (None, None) if loaded is None else (_of(loaded.id, loaded.state), loaded)

    async def save(self, proposal: Proposal, events: Sequence[Event] = (), *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        await self._store.save(proposal.id, _doc(proposal), events, loaded=loaded, caused_by=caused_by)

    async def open_proposals(self) -> list[Proposal]:
        """Proposed or approved plans (a small collection: one per closure or uncovered area event)."""
        cursor = self._store.collection.find({"status": {"$in": list(OPEN)}}, {"_outbox": 0, "_applied": 0})
        return [_of(d["_id"], d) async for d in cursor]


def _doc(p: Proposal) -> dict:
    return {"closed_market_id": p.closed_market_id, "status": p.status, "proposed_on": p.proposed_on.isoformat(),
            "decided_by": p.decided_by, "decided_on": p.decided_on and p.decided_on.isoformat(),
            "gaps": [asdict(g) for g in p.plan.gaps],
            "sites": [asdict(s) | {"covers": list(s.covers)} for s in p.plan.sites],
            "stopgap_areas": list(p.plan.stopgap_areas), "cause": p.cause, "area_id": p.area_id,
            "resolved_areas": list(p.resolved_areas), "resolved_on": p.resolved_on and p.resolved_on.isoformat()}


def _of(plan_id: str, d: dict) -> Proposal:
    plan = Plan(tuple(Gap(**g) for g in d["gaps"]),
                tuple(ChosenSite(s["site_id"], s["area_m2"], tuple(s["covers"])) for s in d["sites"]),
                tuple(d["stopgap_areas"]))
    return Proposal(plan_id, d["closed_market_id"], plan, d["status"], date.fromisoformat(d["proposed_on"]),
                    d["decided_by"], d["decided_on"] and date.fromisoformat(d["decided_on"]),
                    d.get("cause", "market_closed"), d.get("area_id"), tuple(d.get("resolved_areas", ())),
                    d.get("resolved_on") and date.fromisoformat(d["resolved_on"]))
