"""Replanning proposals (补建方案) and the officer's decision on them."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import READERS, PlanId, ContainerDep, Officer
from services.markets.adapters.schemas.planning import DecisionIn, PlanOut
from services.markets.application import replanning

router = APIRouter(prefix="/api/v1/markets", tags=["markets planning"])


PlanStatus = Literal["proposed", "approved", "rejected", "resolved", "not_needed"]


@router.get("/plans", summary="Replanning proposals (by id), filtered by status", **allow(*READERS))
async def list_plans(c: ContainerDep, paging: Paging, status: PlanStatus | None = None) -> PageOut[PlanOut]:
    found = await replanning.list_plans(c.plans, status=status, page=paging.page, size=paging.size)
    return PageOut[PlanOut].of(found.items, found.total, paging, PlanOut.of)


@router.get("/plans/{plan_id}", **allow(*READERS))
async def get_plan(plan_id: PlanId, c: ContainerDep) -> PlanOut:
    return PlanOut.of(await replanning.get_plan(plan_id, c.plans))


@router.post("/plans/{plan_id}/decision", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def decide_plan(plan_id: PlanId, body: DecisionIn, c: ContainerDep, officer: Officer) -> PlanOut:
    return PlanOut.of(await replanning.decide_plan(plan_id, body.approve, officer.user, body.day(c.today), c.plans))
