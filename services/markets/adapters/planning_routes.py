"""Planning routes: imports, coverage, the deadline watcher and replanning proposals. Registered before the
lifecycle routes so `/coverage` is never read as a market id."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.markets.adapters import schemas as s
from services.markets.adapters.imports import AreaRow, SiteRow, located, parse_rows, validate_rows
from services.markets.adapters.officer import Officer
from services.markets.application import coverage, deadlines, markets as handlers, replanning
from services.markets.bootstrap import Container
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/markets", tags=["markets planning"])
ContainerDep = Annotated[Container, Depends(container_of)]


async def _import(request: Request, model, repository) -> dict:
    rows = parse_rows(await request.body(), request.headers.get("content-type", "application/json"))
    valid, errors = validate_rows(rows, model)
    return {"received": len(rows), "imported": await repository.upsert([located(r) for r in valid]), "errors": errors}


@router.post("/areas/import", summary="Residential areas (CSV or JSON array); per-line errors, valid rows kept")
async def import_areas(request: Request, c: ContainerDep) -> dict:
    return await _import(request, AreaRow, c.areas)


@router.get("/areas/planning-breaches", summary="Residential areas registry recorded against the planning "
            "condition (new area: market floor area ≥ 2 % of the residential floor area)")
async def area_planning_breaches(c: ContainerDep) -> list[dict]:
    return [{"area_id": r["id"], "name": r.get("name"), "district_code": r["district_code"],
             "effective_on": r.get("effective_on"), "breaches": r["planning_breaches"]} for r in await c.areas.flagged()]


@router.post("/sites/import", summary="Candidate sites: state-owned outlets, disused boiler rooms, gas exchange stations")
async def import_sites(request: Request, c: ContainerDep) -> dict:
    return await _import(request, SiteRow, c.sites)


@router.post("/import", summary="Existing operating markets (JSON array); per-line errors, valid rows kept")
async def import_markets(request: Request, c: ContainerDep) -> dict:
    rows = parse_rows(await request.body(), "application/json")
    valid, errors = validate_rows(rows, s.ExistingIn)
    saved = await handlers.register_existing([(r.to_site(), r.operator, r.opened_on) for r in valid], c.markets)
    return {"received": len(rows), "imported": len(saved), "ids": [m.id for m in saved], "errors": errors}


@router.get("/coverage", summary="Per residential area: 2SFCA supply ratio (m²/resident), nearest market, deficit")
async def area_coverage(c: ContainerDep) -> list[dict]:
    return await coverage.per_area(c.areas, c.markets)


@router.get("/coverage/summary", summary="Per district: areas and residents covered, total deficit in m²")
async def district_coverage(c: ContainerDep) -> list[dict]:
    return await coverage.per_district(c.areas, c.markets)


@router.get("/deadlines/breaches", summary="Statutory deadlines passed before `on` without the step taken")
async def deadline_breaches(on: Annotated[date, Query()], c: ContainerDep) -> list[dict]:
    return [{"market_id": b.market_id, "rule": b.rule, "started_on": b.started_on.isoformat(),
             "due_on": b.due_on.isoformat(), "days_overdue": b.days_overdue}
            for b in await deadlines.deadline_breaches(on, c.markets, c.areas)]


@router.get("/plans/{plan_id}")
async def get_plan(plan_id: str, c: ContainerDep) -> dict:
    return s.plan_out(await replanning.get_plan(plan_id, c.plans))


@router.post("/plans/{plan_id}/decision")
async def decide_plan(plan_id: str, body: s.DecisionIn, c: ContainerDep, officer: Officer) -> dict:
    return s.plan_out(await replanning.decide_plan(plan_id, body.approve, officer, c.plans, c.today))
