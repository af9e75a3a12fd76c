"""Replanning proposals (补建方案), one document per closed market or per area event: the id makes a second
proposal for the same cause impossible. The plan's gaps, sites and stop-gap areas are stored at the top level."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from services.markets.domain.proposal import OPEN, Proposal
from services.markets.domain.replan import ChosenSite, Gap, Plan
from shared.repository import AggregateRepository, Codec, Page


def _document(p: Proposal) -> dict:
    return {"id": p.id, "closed_market_id": p.closed_market_id, "status": p.status,
            "proposed_on": p.proposed_on.isoformat(), "decided_by": p.decided_by,
            "decided_on": p.decided_on and p.decided_on.isoformat(), "gaps": [asdict(g) for g in p.plan.gaps],
            "sites": [asdict(s) | {"covers": list(s.covers)} for s in p.plan.sites],
            "stopgap_areas": list(p.plan.stopgap_areas), "cause": p.cause, "area_id": p.area_id,
            "resolved_areas": list(p.resolved_areas), "resolved_on": p.resolved_on and p.resolved_on.isoformat()}


def _proposal(d: dict) -> Proposal:
    plan = Plan(tuple(Gap(**g) for g in d["gaps"]),
                tuple(ChosenSite(s["site_id"], s["area_m2"], tuple(s["covers"])) for s in d["sites"]),
                tuple(d["stopgap_areas"]))
    return Proposal(d["id"], d["closed_market_id"], plan, d["status"], date.fromisoformat(d["proposed_on"]),
                    d["decided_by"], d["decided_on"] and date.fromisoformat(d["decided_on"]),
                    d.get("cause", "market_closed"), d.get("area_id"), tuple(d.get("resolved_areas", ())),
                    d.get("resolved_on") and date.fromisoformat(d["resolved_on"]))


PLANS = Codec(encode=_document, decode=_proposal)


@dataclass
class PlanRepository(AggregateRepository[Proposal]):
    codec: Codec[Proposal] = PLANS
    what: str = "plan"
    indexes: tuple[str, ...] = ("status",)

    async def listing(self, *, status: str | None, page: int, size: int) -> Page[Proposal]:
        """The proposals, by id, filtered on their status (left out: every proposal)."""
        return await self.page({} if status is None else {"status": status}, page, size)

    async def open_proposals(self) -> list[Proposal]:
        """Proposed or approved plans (a small collection: one per closure or uncovered area event)."""
        return await self.find({"status": {"$in": list(OPEN)}})
