"""The layout plans (菜市场布局规划, 第六条): the city plan (`city`) and each district's (`district-<code>`), their
versions (修编 every 5 years, 临时修改 between), the plans due for revision, and the replanning proposals pending
on a district's plan. Registered before the market routes so `/layout-plans` is never read as a market id."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import READERS, ContainerDep, Officer
from services.markets.adapters.schemas.layout_plans import LayoutPlanOut, VersionIn
from services.markets.application import layout_plans

router = APIRouter(prefix="/api/v1/markets/layout-plans", tags=["markets planning"])
LayoutPlanId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$",
                                   description="`city`, or `district-<6-digit district code>`")]
AsOf = Annotated[date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31),
                                    description="the day `due_for_revision` is judged on (default today in Beijing)")]


@router.get("", summary="The layout plans (by id), filtered by level, district, due for revision, pending cases",
            **allow(*READERS))
async def list_layout_plans(c: ContainerDep, paging: Paging, on: AsOf = None,
                            scope: Literal["city", "district"] | None = None,
                            district_code: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
                            due_for_revision: Annotated[bool | None, Query(
                                description="true: only the plans due for revision on `on`")] = None,
                            pending: Annotated[bool | None, Query(description="true: only plans with pending "
                                                                              "replanning cases")] = None,
                            ) -> PageOut[LayoutPlanOut]:
    as_of = on or c.today()
    found = await layout_plans.list_plans(c.layout_plans, scope=scope, district_code=district_code,
                                          due_on=as_of if due_for_revision else None, pending=pending, page=paging.page,
                                          size=paging.size)
    return PageOut[LayoutPlanOut].of(found.items, found.total, paging, lambda p: LayoutPlanOut.of(p, as_of))


@router.get("/{layout_plan_id}", summary="One layout plan with its versions and pending cases", **allow(*READERS))
async def get_layout_plan(layout_plan_id: LayoutPlanId, c: ContainerDep, on: AsOf = None) -> LayoutPlanOut:
    return LayoutPlanOut.of(await layout_plans.get_plan(layout_plan_id, c.layout_plans), on or c.today())


@router.post("/{layout_plan_id}/versions", status_code=201, summary="A revision (修编) or temporary amendment "
             "(临时修改) approved; it takes in the plan's pending cases", **allow(Role.COMMERCE_OFFICER,
                                                                            Role.DISTRICT_APPROVER))
async def record_version(layout_plan_id: LayoutPlanId, body: VersionIn, c: ContainerDep,
                         officer: Officer) -> LayoutPlanOut:
    plan = await layout_plans.record_version(layout_plan_id, body.kind, body.day(c.today), body.reference,
                                             officer.user, c.layout_plans, c.today)
    return LayoutPlanOut.of(plan, c.today())
