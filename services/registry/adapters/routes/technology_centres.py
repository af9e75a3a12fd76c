"""Enterprise technology centres: application, decision, yearly evaluations, revocation, change reports."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.centre_schemas import (CentreApplicationIn, CentreOut, ChangeReportIn, DecisionIn,
                                                       EvaluationIn, RevocationIn)
from services.registry.adapters.routes.dependencies import ContainerDep
from services.registry.adapters.translators import centre_application
from services.registry.application import technology_centres as use_cases
from services.registry.application.technology_centres import (DecideOnCentre, EvaluateCentre, ReportCentreChange,
                                                              RevokeCentre)
from services.registry.domain.technology_centre_record import Evaluation
from shared.access import OWN_UNIT, allow
from shared.errors import NotFound
from shared.problem_docs import problem_responses

router = APIRouter(prefix="/api/v1/registry/technology-centres", tags=["registry: enterprise technology centres"])


@router.post("/applications", status_code=201, response_model=CentreOut, responses=problem_responses(404),
             **allow(*OFFICER, employer=OWN_UNIT))
async def apply(body: CentreApplicationIn, c: ContainerDep,
                acting_for: Annotated[str | None, Header(alias="X-Civic-Employer")] = None) -> CentreOut:
    """An officer files it for any enterprise; an employer user (its unit from the token, as `X-Civic-Employer`)
    only for its own unit: another unit's id answers 404 as the access gate does, no existence leak."""
    if acting_for is not None and body.employer_id != acting_for:
        raise NotFound(f"no employer {body.employer_id}")
    return CentreOut.of(await use_cases.apply_for_centre(centre_application(body), c.technology_centres))


@router.get("/{employer_id}", response_model=CentreOut, **allow(*READERS, employer="employer_id"))
async def get_centre(employer_id: str, c: ContainerDep) -> CentreOut:
    return CentreOut.of(await use_cases.centre_record(employer_id, c.technology_centres))


@router.post("/{employer_id}/decision", response_model=CentreOut, **allow(*OFFICER))
async def decide(employer_id: str, body: DecisionIn, c: ContainerDep) -> CentreOut:
    command = DecideOnCentre(employer_id, body.certified, body.decided_on, tuple(body.reasons), body.fraud)
    return CentreOut.of(await use_cases.decide(command, c.technology_centres))


@router.post("/{employer_id}/evaluations", status_code=201, response_model=CentreOut, **allow(*OFFICER))
async def evaluate(employer_id: str, body: EvaluationIn, c: ContainerDep) -> CentreOut:
    command = EvaluateCentre(employer_id, body.year, body.score, body.materials_submitted_on, body.evaluated_on)
    return CentreOut.of(await use_cases.evaluate(command, c.technology_centres))


@router.get("/{employer_id}/evaluations", response_model=list[Evaluation], **allow(*READERS, employer="employer_id"))
async def list_evaluations(employer_id: str, c: ContainerDep) -> list[Evaluation]:
    return list((await use_cases.centre_record(employer_id, c.technology_centres)).evaluations)


@router.post("/{employer_id}/revocation", response_model=CentreOut, **allow(*OFFICER))
async def revoke(employer_id: str, body: RevocationIn, c: ContainerDep) -> CentreOut:
    command = RevokeCentre(employer_id, body.cause, body.revoked_on, body.detail)
    return CentreOut.of(await use_cases.revoke(command, c.technology_centres))


@router.post("/{employer_id}/changes", status_code=201, response_model=CentreOut,
             **allow(*OFFICER, employer="employer_id"))
async def report_change(employer_id: str, body: ChangeReportIn, c: ContainerDep) -> CentreOut:
    command = ReportCentreChange(employer_id, body.kind, body.effective_on, body.reported_on, body.new_name)
    return CentreOut.of(await use_cases.report_change(command, c.technology_centres))
