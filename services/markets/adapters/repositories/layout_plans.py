"""Layout plans (菜市场布局规划): one document per plan (`city`, `district-<code>`), its versions and pending cases
inside; `revision_due` and `pending_count` are stored beside them for the listing's filters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.markets.domain.layout_plan import LayoutPlan
from shared.repository import AggregateRepository, Codec, Page


def _derived(plan: LayoutPlan) -> dict:
    due = plan.revision_due
    return {"revision_due": None if due is None else due.isoformat(), "pending_count": len(plan.pending)}


LAYOUT_PLANS = Codec.of(LayoutPlan, derived=_derived, derived_fields=("revision_due", "pending_count"))


@dataclass
class LayoutPlanRepository(AggregateRepository[LayoutPlan]):
    codec: Codec[LayoutPlan] = LAYOUT_PLANS
    what: str = "layout plan"
    indexes: tuple[str, ...] = ("scope", "district_code", "revision_due", "pending_count")

    async def listing(self, *, scope: str | None, district_code: str | None, due_on: date | None,
                      pending: bool | None, page: int, size: int) -> Page[LayoutPlan]:
        """The plans by id (the city plan first, then the districts'), filtered: by level and district; `due_on`:
        those whose revision date has come by that day, or that have none; `pending`: with pending cases or not."""
        query: dict = {k: v for k, v in (("scope", scope), ("district_code", district_code)) if v is not None}
        if due_on is not None:
            query["$or"] = [{"revision_due": {"$lte": due_on.isoformat()}}, {"revision_due": None}]
        if pending is not None:
            query["pending_count"] = {"$gt": 0} if pending else 0
        return await self.page(query, page, size)
