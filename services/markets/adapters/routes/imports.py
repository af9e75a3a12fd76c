"""Bulk imports (CSV with a header line, or a JSON array): residential areas and candidate sites until registry
publishes them, and existing operating markets. Every row validated, errors reported per line, valid rows kept."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import READERS, ContainerDep
from services.markets.adapters.schemas.markets import ExistingIn
from services.markets.adapters.schemas.planning import AreaOut, CandidateSiteOut, ImportOut, MarketImportOut
from services.markets.adapters.translators import AreaRow, SiteRow, located_rows, parse_rows, validate_rows
from services.markets.application import markets, references

router = APIRouter(prefix="/api/v1/markets", tags=["markets planning"])
DistrictCode = Annotated[str | None, Query(pattern=r"^\d{6}$", description="6-digit district code")]
CommunityId = Annotated[str | None, Query(min_length=1, max_length=64)]


@router.get("/areas", summary="Residential areas markets plans with (imported or from registry), by id",
            **allow(*READERS))
async def list_areas(c: ContainerDep, paging: Paging, district_code: DistrictCode = None,
                     community_id: CommunityId = None, abolished_community_id: CommunityId = None
                     ) -> PageOut[AreaOut]:
    """`abolished_community_id`: the areas of a community registry abolished outright, awaiting a new one."""
    filters = {"district_code": district_code, "community_id": community_id,
               "abolished_community_id": abolished_community_id}
    rows, total_count = await references.listing(c.areas, filters, paging.skip, paging.size)
    return PageOut[AreaOut].of(rows, total_count, paging, AreaOut.of)


@router.get("/sites", summary="Candidate sites for a market, by id", **allow(*READERS))
async def list_sites(c: ContainerDep, paging: Paging, district_code: DistrictCode = None
                     ) -> PageOut[CandidateSiteOut]:
    rows, total_count = await references.listing(c.sites, {"district_code": district_code}, paging.skip, paging.size)
    return PageOut[CandidateSiteOut].of(rows, total_count, paging, CandidateSiteOut.of)


@router.post("/areas/import", summary="Residential areas (CSV or JSON array); per-line errors, valid rows kept",
             **allow(Role.COMMERCE_OFFICER))
async def import_areas(request: Request, c: ContainerDep) -> ImportOut:
    received, rows, errors = await located_rows(request, AreaRow)
    return ImportOut(received=received, imported=await references.import_rows(rows, c.areas), errors=errors)


@router.post("/sites/import", summary="Candidate sites: state-owned outlets, disused boiler rooms, gas exchange stations",
             **allow(Role.COMMERCE_OFFICER))
async def import_sites(request: Request, c: ContainerDep) -> ImportOut:
    received, rows, errors = await located_rows(request, SiteRow)
    return ImportOut(received=received, imported=await references.import_rows(rows, c.sites), errors=errors)


@router.post("/import", summary="Existing operating markets (JSON array); per-line errors, valid rows kept",
             **allow(Role.COMMERCE_OFFICER))
async def import_markets(request: Request, c: ContainerDep) -> MarketImportOut:
    rows = parse_rows(await request.body(), "application/json")
    valid, errors = validate_rows(rows, ExistingIn)
    saved = await markets.register_existing([(r.to_site(), r.operator, r.opened_on) for r in valid], c.markets)
    return MarketImportOut(received=len(rows), imported=len(saved), ids=[m.id for m in saved], errors=errors)
