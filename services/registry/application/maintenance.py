"""Use cases on registered units: changes, reissue, annual inspection, lapse."""
from __future__ import annotations

from services.registry.application.commands import (ChangeRegisteredFacts, InspectEmployer, LapseUninspected,
                                                     ReissueCertificate)
from services.registry.application.ports import Employers, Today
from services.registry.domain import changes, inspection
from services.registry.domain.deadlines import act_date
from services.registry.domain.model import Employer
from shared.events import Envelope
from shared.events.insurance import MonthClosed
from shared.jobs.progress import NO_PROGRESS, Progress
from shared.usecase import apply_once, change, without_events


async def change_registered_facts(cmd: ChangeRegisteredFacts, employers: Employers, today: Today) -> Employer:
    day = act_date(cmd.on, today())
    return await change(employers, cmd.employer_id, lambda e: changes.change(
        e, cmd.changes, cmd.change_date, cmd.documents, day), what="employer")


async def reissue_certificate(cmd: ReissueCertificate, employers: Employers, today: Today) -> Employer:
    day = act_date(cmd.on, today())
    return await change(employers, cmd.employer_id, without_events(lambda e: changes.reissue(
        e, cmd.statement, day)), what="employer")


async def inspect_employer(cmd: InspectEmployer, employers: Employers, today: Today) -> Employer:
    """The form checked against insurance's facts; a late pass restores a lapsed certificate and publishes it."""
    declaration = inspection.Declaration(cmd.insurance_types, cmd.insured_headcount, cmd.wage_base_total,
                                         cmd.documents, cmd.contributions_paid)
    day = act_date(cmd.on, today())
    return await change(employers, cmd.employer_id, lambda e: inspection.inspect(e, cmd.year, declaration, day),
                        what="employer")


async def lapse_uninspected(cmd: LapseUninspected, employers: Employers, today: Today,
                            inspection_deadline: tuple[int, int], progress: Progress = NO_PROGRESS) -> list[str]:
    """Ops run with an explicit date: each unit due for `year` and not inspected by the deadline lapses (its own
    write and `registry.certificate.lapsed` event); `progress` counts the units gone through. The lapsed units'
    ids, in order.

    Re-running the same year lapses nobody twice (each unit applies `lapse:<year>:<unit>` once), so a job resumed
    after an interruption is safe; the units the interrupted run lapsed are read back from `progress`."""
    deadline = inspection.inspection_deadline(cmd.year, inspection_deadline)
    inspection.check_lapse_run(cmd.year, cmd.as_of, deadline, today())
    lapsed: list[str] = list(progress.remembered())
    due = await employers.ids_not_inspected(cmd.year)
    await progress.begin(len(due))
    for employer_id in due:
        run_id = f"lapse:{cmd.year}:{employer_id}"

        def decide(employer: Employer) -> tuple[Employer, list]:
            changed, events = inspection.lapse(employer, cmd.year, cmd.as_of, deadline)
            lapsed.extend(e.employer_id for e in events)
            return changed, events

        before = len(lapsed)
        await apply_once(employers, employer_id, run_id, decide)
        if len(lapsed) > before:
            await progress.remember(employer_id, True)
        await progress.advance()
    return sorted(set(lapsed))


async def month_closed(event: MonthClosed, envelope: Envelope, employers: Employers) -> None:
    """The closed month's insured headcount, wage base total, insurance types and contributions paid become what the
    annual inspection checks the unit's declaration against (第十九条第2、3项)."""
    await apply_once(employers, event.employer_id, envelope.id, lambda e: inspection.on_month_closed(e, event))
