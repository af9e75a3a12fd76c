"""Enterprise technology centres: application, decision, yearly evaluations, revocation, change reports."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.centre_schemas import (CentreApplicationIn, CentreEvaluationIn, CentreOut,
                                                       ChangeReportIn, DecisionIn, EvaluationOut,
                                                       RectificationPlanIn, RevocationIn)
from services.registry.adapters.routes.dependencies import ContainerDep, EmployerId, Paged
from services.registry.adapters.translators import centre_application
from services.registry.application import technology_centres as use_cases
from services.registry.application.technology_centres import (DecideOnCentre, EvaluateCentre,
                                                              FileRectificationPlan, ReportCentreChange,
                                                              RevokeCentre)
from services.registry.domain.technology_centre_record import CentreStatus
from shared.access import OWN_UNIT, allow
from shared.errors import NotFound
from shared.paging import PageOut
from shared.params import Year
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
    return CentreOut.of(await use_cases.apply_for_centre(centre_application(body), c.technology_centres,
                                                         c.employers))


@router.get("", response_model=PageOut[CentreOut], **allow(*READERS))
async def list_centres(c: ContainerDep, paging: Paged, status: CentreStatus | None = None) -> PageOut[CentreOut]:
    """Every enterprise's centre record (an employer user reads its own at `/technology-centres/{its id}`)."""
    found = await c.technology_centres.search(paging, status=status)
    return PageOut[CentreOut].of(found.items, found.total, paging, CentreOut.of)


@router.get("/{employer_id}", response_model=CentreOut, **allow(*READERS, employer="employer_id"))
async def get_centre(employer_id: EmployerId, c: ContainerDep) -> CentreOut:
    return CentreOut.of(await use_cases.centre_record(employer_id, c.technology_centres))


@router.post("/{employer_id}/decision", response_model=CentreOut, **allow(*OFFICER))
async def decide(employer_id: EmployerId, body: DecisionIn, c: ContainerDep) -> CentreOut:
    command = DecideOnCentre(employer_id, body.certified, body.decided_on, tuple(body.reasons), body.fraud)
    return CentreOut.of(await use_cases.decide(command, c.technology_centres))


@router.post("/{employer_id}/evaluations", status_code=201, response_model=CentreOut, **allow(*OFFICER))
async def evaluate(employer_id: EmployerId, body: CentreEvaluationIn, c: ContainerDep) -> CentreOut:
    command = EvaluateCentre(employer_id, body.year, body.score, body.materials_submitted_on, body.evaluated_on)
    return CentreOut.of(await use_cases.evaluate(command, c.technology_centres))


@router.get("/{employer_id}/evaluations", response_model=PageOut[EvaluationOut],
            **allow(*READERS, employer="employer_id"))
async def list_evaluations(employer_id: EmployerId, c: ContainerDep, paging: Paged) -> PageOut[EvaluationOut]:
    """The centre's yearly evaluations, oldest first."""
    evaluations = (await use_cases.centre_record(employer_id, c.technology_centres)).evaluations
    return PageOut[EvaluationOut].of(evaluations[paging.skip:paging.skip + paging.size], len(evaluations), paging,
                                     lambda e: EvaluationOut.model_validate(e, from_attributes=True))


@router.post("/{employer_id}/evaluations/{year}/rectification-plan", status_code=201, response_model=CentreOut,
             **allow(*OFFICER, employer="employer_id"))
async def file_rectification_plan(employer_id: EmployerId, year: Year, body: RectificationPlanIn, c: ContainerDep,
                                  acting_for: Annotated[str | None, Header(alias="X-Civic-Employer")] = None
                                  ) -> CentreOut:
    """第十八条: the enterprise's rectification plan after a first score in [60, 65] (filed by the enterprise, or
    recorded by an officer). An enterprise's own filing is dated the day it is filed."""
    on = None if acting_for is not None else body.on
    command = FileRectificationPlan(employer_id, year, body.summary, on)
    return CentreOut.of(await use_cases.file_rectification_plan(command, c.technology_centres, c.today))


@router.post("/{employer_id}/revocation", response_model=CentreOut, **allow(*OFFICER))
async def revoke(employer_id: EmployerId, body: RevocationIn, c: ContainerDep) -> CentreOut:
    command = RevokeCentre(employer_id, body.cause, body.revoked_on, body.detail)
    return CentreOut.of(await use_cases.revoke(command, c.technology_centres))


@router.post("/{employer_id}/changes", status_code=201, response_model=CentreOut,
             **allow(*OFFICER, employer="employer_id"))
async def report_change(employer_id: EmployerId, body: ChangeReportIn, c: ContainerDep) -> CentreOut:
    command = ReportCentreChange(employer_id, body.kind, body.effective_on, body.reported_on, body.new_name)
    return CentreOut.of(await use_cases.report_change(command, c.technology_centres))
