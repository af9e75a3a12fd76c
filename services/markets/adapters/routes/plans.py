"""Replanning proposals (补建方案) and the officer's decision on them."""
from __future__ import annotations

from fastapi import APIRouter

from shared.access import allow
from shared.auth import Role

from services.markets.adapters.routes.dependencies import READERS, PlanId, ContainerDep, Officer
from services.markets.adapters.schemas.planning import DecisionIn, PlanOut
from services.markets.application import replanning

router = APIRouter(prefix="/api/v1/markets", tags=["markets planning"])


@router.get("/plans/{plan_id}", **allow(*READERS))
async def get_plan(plan_id: PlanId, c: ContainerDep) -> PlanOut:
    return PlanOut.of(await replanning.get_plan(plan_id, c.plans))


@router.post("/plans/{plan_id}/decision", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def decide_plan(plan_id: PlanId, body: DecisionIn, c: ContainerDep, officer: Officer) -> PlanOut:
    return PlanOut.of(await replanning.decide_plan(plan_id, body.approve, officer.user, body.day(c.today), c.plans))
