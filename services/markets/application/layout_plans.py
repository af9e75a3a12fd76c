"""The layout plans' 5-year revision cycle (第六条): versions recorded by the officer, plans due listed, and the
replanning proposals markets makes reaching the district plan as pending cases."""
from __future__ import annotations

from datetime import date

from services.markets.application.ports import LayoutPlans, References, Today
from services.markets.domain import layout_plan as rules
from services.markets.domain.layout_plan import LayoutPlan, VersionKind
from shared.errors import NotFound, refusal
from shared.events import Envelope
from shared.events.markets import ReplanProposed
from shared.repository import Page
from shared.usecase import change_or_create


async def record_version(layout_plan_id: str, kind: VersionKind, approved_on: date, reference: str, officer: str,
                         layout_plans: LayoutPlans, today: Today) -> LayoutPlan:
    """A revision or amendment approved; the plan's record is opened by its first version."""
    template = rules.new_plan(layout_plan_id)  # a 422 for an id that names no plan, before anything is locked

    def decide(plan: LayoutPlan | None):
        return rules.record_version(plan or template, kind, approved_on, reference, officer, today()), []

    return await change_or_create(layout_plans, layout_plan_id, decide)


async def get_plan(layout_plan_id: str, layout_plans: LayoutPlans) -> LayoutPlan:
    plan = await layout_plans.get(layout_plan_id)
    if plan is None:
        message = f"no layout plan {layout_plan_id} (none of its versions is recorded)"
        raise NotFound(message, errors=[refusal("layout_plan_id", "unknown-layout-plan", message)])
    return plan


async def list_plans(layout_plans: LayoutPlans, *, scope: str | None, district_code: str | None,
                     due_on: date | None, pending: bool | None, page: int, size: int) -> Page[LayoutPlan]:
    return await layout_plans.listing(scope=scope, district_code=district_code, due_on=due_on, pending=pending,
                                      page=page, size=size)


async def open_plan_revision_cases(event: ReplanProposed, envelope: Envelope, areas: References,
                                   layout_plans: LayoutPlans) -> None:
    """A replanning proposal becomes a pending case on each concerned district's layout plan, for the district to
    take into its next version (第六条第二款, 第十五条). Once per proposal and district, whatever the order."""
    gap_areas = [g.area_id for g in event.gaps]
    district_of = {row["id"]: row["district_code"] for row in await areas.ids(gap_areas)}
    cases = rules.cases_by_district(event.plan_id, event.cause, event.proposed_on, gap_areas,
                                    {s.site_id: s.covers for s in event.sites}, event.stopgap_areas, district_of)
    for district_code, case in cases.items():
        plan_id = rules.district_plan_id(district_code)
        await change_or_create(layout_plans, plan_id,
                               lambda plan: (rules.note_proposal(plan or rules.new_plan(plan_id), case), []))
