"""A replanning proposal: proposed (with the gaps and the plan) → approved or rejected by an officer.
A closure that leaves no area below the norm is recorded as `not_needed`, and publishes nothing.

Proposals come from a closure (one per closed market) or from a residential area registered or changed (one per
event, naming only gaps no open proposal names yet). A proposed or approved plan is **resolved** when every gap it
names is covered again (A_i ≥ 0.1) — by a market opening, a population change, or because the area was removed —
before anything else is done with it; each recompute records which of its gaps are covered now."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from services.markets.domain.replan import Gap, Plan
from shared.errors import Conflict, refusal
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
    cause: str = "market_closed"  # market_closed | area_registered | area_updated
    area_id: str | None = None  # the area whose registration or change caused it
    resolved_areas: tuple[str, ...] = ()  # gaps covered again since
    resolved_on: date | None = None

    @property
    def open_gaps(self) -> set[str]:
        """Gaps still uncovered of a plan not yet resolved or rejected."""
        if self.status not in OPEN:
            return set()
        return {g.area_id for g in self.plan.gaps} - set(self.resolved_areas)


OPEN = ("proposed", "approved")


def plan_id_for(closed_market_id: str) -> str:
    return f"replan-{closed_market_id}"


def propose(closed_market_id: str, plan: Plan, today: date) -> tuple[Proposal, list[ReplanProposed]]:
    pid = plan_id_for(closed_market_id)
    if not plan.gaps:
        return Proposal(pid, closed_market_id, plan, "not_needed", today), []
    return Proposal(pid, closed_market_id, plan, "proposed", today), [_proposed(pid, closed_market_id, plan, today)]


def _proposed(plan_id: str, closed_market_id: str, plan: Plan, today: date, cause: str = "market_closed",
              area_id: str | None = None) -> ReplanProposed:
    return ReplanProposed(
        plan_id=plan_id, closed_market_id=closed_market_id, proposed_on=today, cause=cause, area_id=area_id,
        gaps=[CoverageGap(area_id=g.area_id, ratio=round(g.ratio, 6), deficit_m2=round(g.deficit_m2, 2))
              for g in plan.gaps],
        sites=[ProposedSite(site_id=s.site_id, area_m2=s.area_m2, covers=list(s.covers)) for s in plan.sites],
        stopgap_areas=list(plan.stopgap_areas))


def plan_id_for_area(area_id: str, event_id: str) -> str:
    return f"replan-area-{area_id}-{event_id}"


def propose_for_area(plan_id: str, area_id: str, cause: str, plan: Plan, today: date
                     ) -> tuple[Proposal, list[ReplanProposed]]:
    """After an area's registration or change: the event names the cause and the area (`closed_market_id` empty)."""
    proposal = Proposal(plan_id, "", plan, "proposed", today, cause=cause, area_id=area_id)
    return proposal, [_proposed(plan_id, "", plan, today, cause, area_id)]


def unproposed(gaps: tuple[Gap, ...], open_gaps: set[str]) -> tuple[Gap, ...]:
    """Gaps no open plan names yet: an area stays in one open plan until it is covered or the plan is rejected."""
    return tuple(g for g in gaps if g.area_id not in open_gaps)


def note_coverage(proposal: Proposal, covered: set[str], uncovered: set[str], today: date) -> Proposal | None:
    """Record which of an open plan's gaps are covered now; resolved once all are. None when nothing changed."""
    if proposal.status not in OPEN:
        return None
    gaps = {g.area_id for g in proposal.plan.gaps}
    resolved = (set(proposal.resolved_areas) | (covered & gaps)) - uncovered
    if resolved == set(proposal.resolved_areas):
        return None
    done = resolved >= gaps
    return dataclasses.replace(proposal, resolved_areas=tuple(sorted(resolved)),
                               status="resolved" if done else proposal.status, resolved_on=today if done else None)


def decide(proposal: Proposal, approve: bool, officer: str, on: date) -> Proposal:
    if proposal.status != "proposed":
        message = f"plan {proposal.id} is {proposal.status}; only a proposed plan can be decided"
        raise Conflict(message, errors=[refusal("status", "plan-proposed", message, status_now=proposal.status)])
    return dataclasses.replace(proposal, status="approved" if approve else "rejected", decided_by=officer,
                               decided_on=on)
