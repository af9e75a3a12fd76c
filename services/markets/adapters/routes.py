"""Market lifecycle routes: each transition an endpoint with its date (DTO → domain rule → handler)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from services.markets.adapters import schemas as s
from services.markets.adapters.officer import Officer
from services.markets.application import markets as handlers
from services.markets.bootstrap import Container
from services.markets.domain import compliance, lifecycle, operating, planning
from services.markets.domain.market import Sample, Status
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/markets", tags=["markets"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.post("", status_code=201)
async def plan_market(body: s.PlanIn, c: ContainerDep) -> dict:
    return s.market_out(await handlers.plan_market(body.to_site(), body.permit_on, c.markets,
                                                   body.residential_area_id))


@router.get("/{market_id}")
async def get_market(market_id: str, c: ContainerDep) -> dict:
    return s.market_out(await handlers.get_market(market_id, c.markets))


async def _change(c: Container, market_id: str, decide) -> dict:
    return s.market_out(await handlers.change_market(market_id, decide, c.markets))


@router.post("/{market_id}/completion")
async def build(market_id: str, body: s.On, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.build(m, body.on))


@router.post("/{market_id}/acceptance")
async def accept(market_id: str, body: s.On, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.accept(m, body.on))


@router.post("/{market_id}/regulator-notification")
async def notify_regulator(market_id: str, body: s.On, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.notify_regulator(m, body.on))


@router.post("/{market_id}/purchase-agreement")
async def sign_agreement(market_id: str, body: s.AgreementIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.sign_agreement(m, body.on, body.presale_permit_on))


@router.post("/{market_id}/ownership-transfer")
async def transfer_ownership(market_id: str, body: s.On, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.transfer_ownership(m, body.on))


@router.post("/{market_id}/operator-tender")
async def tender_operator(market_id: str, body: s.TenderIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.tender_operator(m, body.on, body.operator))


@router.post("/{market_id}/operator-filing")
async def file_operator(market_id: str, body: s.FilingIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.file_operator(m, body.licence_on, body.on))


@router.post("/{market_id}/opening")
async def open_market(market_id: str, body: s.On, c: ContainerDep) -> dict:
    return s.market_out(await handlers.open_market(market_id, body.on, c.markets, c.areas, c.plans, c.today))


@router.post("/{market_id}/operating-right-withdrawal")
async def withdraw(market_id: str, body: s.On, c: ContainerDep, _officer: Officer) -> dict:
    return await _change(c, market_id, lambda m: lifecycle.withdraw_operating_right(m, body.on))


@router.post("/{market_id}/suspension")
async def suspend(market_id: str, body: s.ApprovedIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: operating.suspend(m, body.on, body.approval_list()))


@router.post("/{market_id}/resumption")
async def resume(market_id: str, body: s.On, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: operating.resume(m, body.on))


@router.post("/{market_id}/sublet")
async def sublet(market_id: str, body: s.SubletIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: operating.sublet(m, body.on, body.approval_list(), body.operator))


@router.post("/{market_id}/merger")
async def merge(market_id: str, body: s.ApprovedIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: operating.leave_service(m, Status.MERGED, body.on,
                                                                         body.approval_list()))


@router.post("/{market_id}/closure")
async def close(market_id: str, body: s.ApprovedIn, c: ContainerDep) -> dict:
    return await _change(c, market_id, lambda m: operating.leave_service(m, Status.CLOSED, body.on,
                                                                         body.approval_list()))


async def _replace(c: Container, market_id: str, to: Status, body: s.ReplacementIn) -> dict:
    replacement = await handlers.get_market(body.replacement_market_id, c.markets)
    return await _change(c, market_id, lambda m: operating.replace(m, to, body.on, body.approval_list(), replacement))


@router.post("/{market_id}/demolition")
async def demolish(market_id: str, body: s.ReplacementIn, c: ContainerDep) -> dict:
    return await _replace(c, market_id, Status.DEMOLISHED, body)


@router.post("/{market_id}/relocation")
async def relocate(market_id: str, body: s.ReplacementIn, c: ContainerDep) -> dict:
    return await _replace(c, market_id, Status.RELOCATED, body)


@router.post("/{market_id}/rebuilding")
async def rebuild(market_id: str, body: s.ReplacementIn, c: ContainerDep) -> dict:
    return await _replace(c, market_id, Status.REBUILT, body)


@router.post("/{market_id}/inspections")
async def inspect(market_id: str, body: s.InspectionIn, c: ContainerDep, _officer: Officer) -> dict:
    return await _change(c, market_id, lambda m: compliance.inspect(m, body.areas.to_domain(), body.use, body.on))


@router.post("/{market_id}/cases/{number}/refusal")
async def refuse_correction(market_id: str, number: int, c: ContainerDep, _officer: Officer) -> dict:
    return await _change(c, market_id, lambda m: compliance.refuse_correction(m, number))


@router.post("/{market_id}/cases/{number}/fine")
async def impose_fine(market_id: str, number: int, body: s.FineIn, c: ContainerDep, officer: Officer) -> dict:
    return await _change(c, market_id, lambda m: compliance.impose_fine(m, number, body.amount, officer))


@router.post("/{market_id}/samples", status_code=201)
async def record_sample(market_id: str, body: s.SampleIn, c: ContainerDep) -> dict:
    sample = Sample(body.sampled_on, body.product, body.passed, body.tested_by, body.note)
    return await _change(c, market_id, lambda m: planning.record_sample(m, sample, c.today()))


@router.get("/{market_id}/food-safety")
async def food_safety(market_id: str, c: ContainerDep) -> dict:
    """Public and unauthenticated by design (抽检结果公示): the market's sampling results, newest first."""
    market = await handlers.get_market(market_id, c.markets)
    samples = sorted(market.samples, key=lambda x: x.sampled_on, reverse=True)
    return {"market_id": market.id, "name": market.name, "samples": [
        {"sampled_on": x.sampled_on.isoformat(), "product": x.product, "passed": x.passed,
         "tested_by": x.tested_by, "note": x.note} for x in samples]}
