"""Technology centre use cases, and the revocation on `registry.employer.deregistered` (lock → load → decide → save)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.registry.adapters.centres_repository import TechnologyCentreRepository
from services.registry.application.unit_of_work import update, without_events
from services.registry.domain import technology_centre_record as tc
from services.registry.domain.technology_centre import Cause, Violation
from services.registry.domain.technology_centre_record import CentreApplication, TechnologyCentre
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered


@dataclass(frozen=True)
class ApplyForCentre:
    employer_id: str
    enterprise_name: str
    application: CentreApplication
    violations: tuple[tuple[Violation, date], ...] = ()


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


Decide = Callable[[TechnologyCentre], TechnologyCentre]


async def apply_for_centre(cmd: ApplyForCentre, technology_centres: TechnologyCentreRepository
                           ) -> TechnologyCentre:
    app = cmd.application
    parent = await technology_centres.certified([app.parent_employer_id] if app.parent_employer_id else [])
    consolidated = await technology_centres.certified(list(app.consolidated_subsidiaries))
    async with technology_centres.lock(cmd.employer_id):
        centre, loaded = await technology_centres.load(cmd.employer_id)
        changed = tc.apply(centre, cmd.employer_id, cmd.enterprise_name, app, list(cmd.violations),
                           bool(parent), consolidated)
        await technology_centres.save(changed, loaded=loaded)
        return changed


async def update_centre(technology_centres: TechnologyCentreRepository, employer_id: str, decide: Decide
                        ) -> TechnologyCentre:
    """Decide, evaluate, revoke, report a change: one writer per centre."""
    return await update(technology_centres, employer_id, without_events(decide), "technology centre for enterprise")


async def decide(cmd: DecideOnCentre, technology_centres: TechnologyCentreRepository) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.decide(
        centre, cmd.certified, cmd.decided_on, cmd.reasons, cmd.fraud))


async def evaluate(cmd: EvaluateCentre, technology_centres: TechnologyCentreRepository) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.evaluate(
        centre, cmd.year, cmd.score, cmd.materials_submitted_on, cmd.evaluated_on))


async def revoke(cmd: RevokeCentre, technology_centres: TechnologyCentreRepository) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.revoke(
        centre, cmd.cause, cmd.revoked_on, cmd.detail))


async def report_change(cmd: ReportCentreChange, technology_centres: TechnologyCentreRepository
                        ) -> TechnologyCentre:
    return await update_centre(technology_centres, cmd.employer_id, lambda centre: tc.report_change(
        centre, cmd.kind, cmd.effective_on, cmd.reported_on, cmd.new_name))


async def employer_deregistered(event: EmployerDeregistered, envelope: Envelope,
                                technology_centres: TechnologyCentreRepository) -> None:
    """第十五条第4项: the enterprise is terminated → its certified centre is revoked, once per event (no centre:
    nothing); a redelivered or repeated event finds the centre already revoked and changes nothing."""
    async with technology_centres.lock(event.employer_id):
        centre, loaded = await technology_centres.load(event.employer_id)
        if centre is None or loaded.has_applied(envelope.id):
            return
        changed = tc.enterprise_terminated(centre, event.deregistered_on, event.forced, event.reason)
        if changed is not centre:
            await technology_centres.save(changed, loaded=loaded, caused_by=envelope.id)
