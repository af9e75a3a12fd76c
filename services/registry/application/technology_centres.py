"""Technology centre use cases, and the revocation on `registry.employer.deregistered` (lock → load → decide → save)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.registry.application.ports import Employers, TechnologyCentres, Today
from services.registry.domain import technology_centre as rules
from services.registry.domain import technology_centre_record as tc
from services.registry.domain.deadlines import act_date
from services.registry.domain.technology_centre import Cause, Violation
from services.registry.domain.technology_centre_record import CentreApplication, Figures, TechnologyCentre
from shared.errors import NotFound
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from shared.usecase import apply_once, change, change_or_create, without_events


@dataclass(frozen=True)
class ApplyForCentre:
    employer_id: str
    enterprise_name: str
    applied_on: date
    centre_established_on: date
    figures: Figures
    override_officer: str | None = None  # 特殊情况可适当放宽: the officer relaxing the thresholds, and why
    override_reason: str | None = None
    parent_employer_id: str | None = None
    consolidated_subsidiaries: tuple[str, ...] = ()
    violations: tuple[tuple[Violation, date], ...] = ()

    def application(self) -> CentreApplication:
        """The year's application, its result due within 90 working days of the deadline (第九条)."""
        year = self.applied_on.year
        return CentreApplication(
            year=year, applied_on=self.applied_on, centre_established_on=self.centre_established_on,
            figures=self.figures, override_officer=self.override_officer, override_reason=self.override_reason,
            parent_employer_id=self.parent_employer_id, consolidated_subsidiaries=self.consolidated_subsidiaries,
            result_due=rules.result_due(year))


@dataclass(frozen=True)
class DecideOnCentre:
    employer_id: str
    certified: bool
    decided_on: date
    reasons: tuple[str, ...] = ()
    fraud: bool = False


@dataclass(frozen=True)
class EvaluateCentre:
    employer_id: str
    year: int
    score: Decimal
    materials_submitted_on: date | None
    evaluated_on: date


@dataclass(frozen=True)
class RevokeCentre:
    employer_id: str
    cause: Cause
    revoked_on: date
    detail: str = ""


@dataclass(frozen=True)
class ReportCentreChange:
    employer_id: str
    kind: str
    effective_on: date
    reported_on: date
    new_name: str | None = None


@dataclass(frozen=True)
class FileRectificationPlan:
    employer_id: str
    year: int
    summary: str
    on: date | None = None


Decide = Callable[[TechnologyCentre], TechnologyCentre]


async def apply_for_centre(cmd: ApplyForCentre, technology_centres: TechnologyCentres, employers: Employers
                           ) -> TechnologyCentre:
    applicant = await employers.get(cmd.employer_id)
    rules.check_applicant(cmd.employer_id, applicant and applicant.status.value, applicant and applicant.district_code,
                          applicant and applicant.unit_type and applicant.unit_type.value)
    app = cmd.application()
    parent = await technology_centres.certified([app.parent_employer_id] if app.parent_employer_id else [])
    consolidated = await technology_centres.certified(list(app.consolidated_subsidiaries))
    return await change_or_create(technology_centres, cmd.employer_id, without_events(lambda centre: tc.apply(
        centre, cmd.employer_id, cmd.enterprise_name, app, list(cmd.violations), bool(parent), consolidated)))


async def centre_record(employer_id: str, technology_centres: TechnologyCentres) -> TechnologyCentre:
    """The enterprise's centre record (404 if it never applied)."""
    found = await technology_centres.get(employer_id)
    if found is None:
        raise NotFound(f"no technology centre for enterprise {employer_id}")
    return found


async def update_centre(technology_centres: TechnologyCentres, employer_id: str, decide: Decide
                        ) -> TechnologyCentre:
    """Decide, evaluate, revoke, report a change: one writer per centre."""
    return await change(technology_centres, employer_id, without_events(decide),
                        what="technology centre for enterprise")


async def decide(cmd: DecideOnCentre, technology_centres: TechnologyCentres) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.decide(
        centre, cmd.certified, cmd.decided_on, cmd.reasons, cmd.fraud))


async def evaluate(cmd: EvaluateCentre, technology_centres: TechnologyCentres) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.evaluate(
        centre, cmd.year, cmd.score, cmd.materials_submitted_on, cmd.evaluated_on))


async def revoke(cmd: RevokeCentre, technology_centres: TechnologyCentres) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.revoke(
        centre, cmd.cause, cmd.revoked_on, cmd.detail))


async def report_change(cmd: ReportCentreChange, technology_centres: TechnologyCentres
                        ) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.report_change(
        centre, cmd.kind, cmd.effective_on, cmd.reported_on, cmd.new_name))


async def file_rectification_plan(cmd: FileRectificationPlan, technology_centres: TechnologyCentres, today: Today
                                  ) -> TechnologyCentre:
    """第十八条: the plan the warning asked for, dated the day it is filed (or the officer's `on`)."""
    day = act_date(cmd.on, today())
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.file_rectification_plan(
        centre, cmd.year, day, cmd.summary))


async def employer_deregistered(event: EmployerDeregistered, envelope: Envelope,
                                technology_centres: TechnologyCentres) -> None:
    """第十五条第4项: the enterprise is terminated → its certified centre is revoked, once per event. No centre, or
    none certified (a redelivered or repeated event finds it already revoked): nothing is written."""
    def terminated(centre: TechnologyCentre) -> TechnologyCentre:
        return tc.enterprise_terminated(centre, event.deregistered_on, event.forced, event.reason)

    centre = await technology_centres.get(event.employer_id)
    if centre is None or terminated(centre) is centre:
        return
    await apply_once(technology_centres, event.employer_id, envelope.id, without_events(terminated))
