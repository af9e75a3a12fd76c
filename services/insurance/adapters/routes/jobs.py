"""The insurance's city-wide operations as jobs (`shared.jobs`): the month's statements and close, the year's wage
bases, the escalation of arrears. `POST /api/v1/insurance/jobs/<kind>` answers 202; the job runs in the service."""
from __future__ import annotations

from services.insurance.adapters.cycle_schemas import BasesGenerated, EscalationOut, MonthClosedOut, StatementsMade
from services.insurance.application import arrears as arrears_cases
from services.insurance.application import bases as base_cases
from services.insurance.bootstrap import Container
from services.insurance.domain.calendar import Period
from shared.auth import Role
from shared.jobs import Progress
from shared.jobs.params import JobMonth, JobOn, JobYear
from shared.jobs.routes import JobKind, job_router
from shared.schemas import RequestBody

SCHEDULED = (Role.INSURANCE_OFFICER, Role.OPS)
"""The city-wide cycle steps: an insurance officer, or ops on schedule (`civic insurance …`)."""


class MonthIn(RequestBody):
    month: JobMonth
    on: JobOn = None


class YearIn(RequestBody):
    year: JobYear
    on: JobOn = None


class OnlyOnIn(RequestBody):
    on: JobOn = None


async def _statements(c: Container, p: MonthIn, progress: Progress, job_id: str) -> StatementsMade:
    made = await c.cycle.generate_statements(Period.parse(p.month, "month"), p.on, progress, job_id)
    return StatementsMade(period=p.month, statements=made)


async def _close(c: Container, p: MonthIn, progress: Progress, job_id: str) -> MonthClosedOut:
    closing = await c.cycle.close(Period.parse(p.month, "month"), p.on, progress, job_id)
    return MonthClosedOut(period=p.month, closed=len(closing.statements),
                          arrears=str(sum(s.outstanding for s in closing.statements)),
                          switched_to_declaration=closing.to_switch)


async def _bases(c: Container, p: YearIn, progress: Progress, job_id: str) -> BasesGenerated:
    made = await base_cases.generate_bases(c.members, c.bases, c.steps, c.policy, p.year, p.on, progress, job_id)
    return BasesGenerated(year=p.year, bases=made)


async def _escalations(c: Container, p: OnlyOnIn, progress: Progress, job_id: str) -> EscalationOut:
    run = await arrears_cases.run_escalation(c.accounts, c.statements, c.policy, p.on, progress)
    return EscalationOut(as_of=p.on, escalated=run.escalated)


KINDS = [
    JobKind("month-statements", MonthIn, StatementsMade, _statements, SCHEDULED,
            "The month's statements (月报) for every account, by the 28th"),
    JobKind("month-close", MonthIn, MonthClosedOut, _close, SCHEDULED,
            "Close the month: what has not arrived becomes arrears"),
    JobKind("wage-bases", YearIn, BasesGenerated, _bases, SCHEDULED,
            "Generate the year's wage bases (from 1 April)"),
    JobKind("escalations", OnlyOnIn, EscalationOut, _escalations, SCHEDULED,
            "Escalate open arrears: dunning → audit → labour administration"),
]

router = job_router("/api/v1/insurance", KINDS, tags=["insurance jobs"])
