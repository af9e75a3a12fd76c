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
    declaration = inspection.Declaration(cmd.insurance_types, cmd.insured_headcount, cmd.wage_base_total,
                                         cmd.documents)
    day = act_date(cmd.on, today())
    return await change(employers, cmd.employer_id, without_events(lambda e: inspection.inspect(
        e, cmd.year, declaration, day)), what="employer")


async def lapse_uninspected(cmd: LapseUninspected, employers: Employers, today: Today,
                            inspection_deadline: tuple[int, int]) -> list[str]:
    """Ops run with an explicit date: each unit due for `year` and not inspected by the deadline lapses (its own
    write and `registry.certificate.lapsed` event). Re-running the same year lapses nobody twice."""
    deadline = inspection.inspection_deadline(cmd.year, inspection_deadline)
    inspection.check_lapse_run(cmd.year, cmd.as_of, deadline, today())
    lapsed: list[str] = []
    for employer_id in await employers.ids_not_inspected(cmd.year):
        run_id = f"lapse:{cmd.year}:{employer_id}"

        def decide(employer: Employer) -> tuple[Employer, list]:
            changed, events = inspection.lapse(employer, cmd.year, cmd.as_of, deadline)
            lapsed.extend(e.employer_id for e in events)
            return changed, events

        await apply_once(employers, employer_id, run_id, decide)
    return lapsed


async def month_closed(event: MonthClosed, envelope: Envelope, employers: Employers) -> None:
    """insurance.month.closed feeds registry's projection of insurance facts (checked at the annual inspection)."""
    await apply_once(employers, event.employer_id, envelope.id, lambda e: inspection.on_month_closed(e, event))
