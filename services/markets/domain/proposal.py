"""A replanning proposal after a closure: proposed (with the gaps and the plan) → approved or rejected by an
officer. A closure that leaves no area below the norm is recorded as `not_needed`, and publishes nothing."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from services.markets.domain.replan import Plan
from shared.errors import Conflict
from shared.events.markets import CoverageGap, ProposedSite, ReplanProposed


@dataclass(frozen=True)
class Proposal:
    id: str
    closed_market_id: str
    plan: Plan
    status: str  # proposed | not_needed | approved | rejected
    proposed_on: date
    decided_by: str | None = None
    decided_on: date | None = None


def plan_id_for(closed_market_id: str) -> str:
    return f"replan-{closed_market_id}"


def propose(closed_market_id: str, plan: Plan, today: date) -> tuple[Proposal, list[ReplanProposed]]:
    pid = plan_id_for(closed_market_id)
    if not plan.gaps:
        return Proposal(pid, closed_market_id, plan, "not_needed", today), []
    event = ReplanProposed(
        plan_id=pid, closed_market_id=closed_market_id, proposed_on=today,
        gaps=[CoverageGap(area_id=g.area_id, ratio=round(g.ratio, 6), deficit_m2=round(g.deficit_m2, 2))
              for g in plan.gaps],
        sites=[ProposedSite(site_id=s.site_id, area_m2=s.area_m2, covers=list(s.covers)) for s in plan.sites],
        stopgap_areas=list(plan.stopgap_areas))
    return Proposal(pid, closed_market_id, plan, "proposed", today), [event]


def decide(proposal: Proposal, approve: bool, officer: str, today: date) -> Proposal:
    if proposal.status != "proposed":
        raise Conflict(f"plan {proposal.id} is {proposal.status}; only a proposed plan can be decided")
    return dataclasses.replace(proposal, status="approved" if approve else "rejected", decided_by=officer,
                               decided_on=today)
