"""Escalation cases under /api/v1/insurance: arrears dunned, handed to audit (稽核) and then to the labour and
social-security administration, closed when paid (第十一条). Insurance officers list, read, hand on and close them;
registry officers, auditors and department systems read."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.insurance.adapters.escalation_schemas import ClosureIn, EscalationCaseOut, HandOverIn
from services.insurance.adapters.routes.dependencies import ContainerDep
from services.insurance.application import escalation_cases as cases
from services.insurance.domain.arrears import Stage
from services.insurance.domain.escalation_case import CaseStatus
from shared.access import allow
from shared.actor import CurrentActor
from shared.auth import Role
from shared.paging import PageOut, Paging

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance escalation"])
CaseId = Annotated[str, Path(min_length=1, max_length=64, description="the case's id: the employer's id")]
OFFICER = allow(Role.INSURANCE_OFFICER)
READERS = allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER)
CaseStage = Annotated[Stage | None, Query(description="dunning, audit or labour_administration")]


@router.get("/escalation-cases", response_model=PageOut[EscalationCaseOut], **READERS)
async def list_cases(c: ContainerDep, paging: Paging, status: CaseStatus | None = None,
                     stage: CaseStage = None) -> PageOut[EscalationCaseOut]:
    """The escalation cases by employer id, e.g. those with the labour administration
    (`?status=open&stage=labour_administration`)."""
    found = await c.escalation_cases.page_of(paging.page, paging.size, status=status and status.value,
                                             stage=stage and stage.value)
    return PageOut.of(found.items, found.total, paging, EscalationCaseOut.of)


@router.get("/escalation-cases/{case_id}", response_model=EscalationCaseOut, **READERS)
async def get_case(case_id: CaseId, c: ContainerDep) -> EscalationCaseOut:
    """A case with every hand-over: its stage, day, amount and who made it."""
    return EscalationCaseOut.of(await cases.existing_case(c.escalation_cases, case_id))


@router.post("/escalation-cases/{case_id}/hand-over", response_model=EscalationCaseOut, **OFFICER)
async def hand_over(case_id: CaseId, body: HandOverIn, c: ContainerDep, actor: CurrentActor) -> EscalationCaseOut:
    """Hand the case on — to audit (稽核) when the arrears cannot be recovered by dunning, then to the labour
    administration — before the schedule would; forward only. The hand-over is announced
    (`insurance.collection.escalated`)."""
    case = await cases.hand_over(c.escalation_cases, c.accounts, c.statements, case_id, Stage(body.stage),
                                 body.on or c.today(), f"officer:{actor.user or 'unknown'}", body.reason)
    return EscalationCaseOut.of(case)


@router.post("/escalation-cases/{case_id}/closure", response_model=EscalationCaseOut, **OFFICER)
async def close_case(case_id: CaseId, body: ClosureIn, c: ContainerDep, actor: CurrentActor) -> EscalationCaseOut:
    """Close a case whose unit owes no contributions any more (a repayment closes it by itself); refused while
    any are in arrears."""
    case = await cases.close(c.escalation_cases, c.statements, case_id, body.on or c.today(),
                             f"officer:{actor.user or 'unknown'}")
    return EscalationCaseOut.of(case)
