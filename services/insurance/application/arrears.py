"""Arrears: what a unit owes as of a date, repayments, and escalation of what stays unpaid."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.insurance.adapters.cycle_repository import StatementRepository
from services.insurance.adapters.fines_repository import FineRepository
from services.insurance.adapters.repayments_repository import RepaymentRepository
from services.insurance.adapters.repository import AccountRepository
from services.insurance.domain import account as account_rules
from services.insurance.domain import repayment as rules
from services.insurance.domain.arrears import Arrear, escalation_stage
from services.insurance.domain.fines import fines_owed
from services.insurance.domain.money import total
from services.insurance.domain.rates import CollectionPolicy
from services.insurance.domain.repayment import PaymentChannel, Repayment
from shared.errors import NotFound


async def open_arrears(statements: StatementRepository, employer_id: str) -> list[Arrear]:
    return [rules.arrear_of(s) for s in await statements.open_arrears(employer_id)]


async def file_repayment(statements: StatementRepository, repayments: RepaymentRepository,
                         policy: CollectionPolicy, employer_id: str, periods: list[str], amount: Decimal,
                         paid_on: date, channel: PaymentChannel) -> Repayment:
    open_months = {s.period: s for s in await statements.open_arrears(employer_id)}
    repayment = rules.file_repayment(str(uuid.uuid4()), employer_id, periods, amount, paid_on, channel,
                                     open_months, policy.late_fee_daily)
    await repayments.save(repayment)
    return repayment


async def conclude_repayment(accounts: AccountRepository, statements: StatementRepository,
                             repayments: RepaymentRepository, fines: FineRepository, policy: CollectionPolicy,
                             employer_id: str, repayment_id: str, received: bool) -> Repayment:
    """Received: the months are settled and, at zero arrears, `arrears.settled`; failed: the record is cancelled."""
    async with accounts.lock(employer_id):
        repayment = await repayments.get(repayment_id)
        if repayment is None or repayment.employer_id != employer_id:
            raise NotFound(f"no repayment {repayment_id} for employer {employer_id}")
        repayment = rules.conclude(repayment, received)
        if received:
            open_months = {s.period: s for s in await statements.open_arrears(employer_id)}
            await statements.add_settlements(rules.settled_months(repayment, open_months, policy.late_fee_daily))
        await repayments.save(repayment)
        if received:
            await after_payment(accounts, statements, fines, employer_id, repayment.paid_on)
    return repayment


async def after_payment(accounts: AccountRepository, statements: StatementRepository, fines: FineRepository,
                        employer_id: str, on: date) -> None:
    """After a repayment or a fine is paid (caller holds the account's lock): what is left decides settlement."""
    account, loaded = await accounts.load(employer_id)
    remaining = total(a.outstanding for a in await open_arrears(statements, employer_id))
    unpaid_fines = fines_owed(await fines.of_employer(employer_id), on)
    account, events = account_rules.after_repayment(account, remaining, on, unpaid_fines)
    await accounts.save(account, events, loaded=loaded)


@dataclass(frozen=True)
class EscalationRun:
    escalated: dict[str, list[str]]


async def run_escalation(accounts: AccountRepository, statements: StatementRepository, policy: CollectionPolicy,
                         as_of: date) -> EscalationRun:
    """Dunning → audit → labour administration, per account with open arrears, announced once per stage."""
    by_employer: dict[str, list[Arrear]] = {}
    for statement in await statements.open_arrears():
        by_employer.setdefault(statement.employer_id, []).append(rules.arrear_of(statement))
    escalated = {}
    for employer_id, arrears in sorted(by_employer.items()):
        stage = escalation_stage(arrears, as_of, policy.audit_after_days, policy.labour_after_days)
        async with accounts.lock(employer_id):
            account, loaded = await accounts.load(employer_id)
            account, events = account_rules.escalate(account, stage, total(a.outstanding for a in arrears), as_of)
            if events:
                await accounts.save(account, events, loaded=loaded)
                escalated[employer_id] = [e.stage for e in events]
    return EscalationRun(escalated)
