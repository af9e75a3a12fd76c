"""Arrears: what a unit owes as of a date, repayments, and escalation of what stays unpaid."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.insurance.application.accounts import ACCOUNT
from services.insurance.application.changes import change_named, unknown
from services.insurance.application.ports import Accounts, EscalationCases, Fines, Repayments, Statements
from services.insurance.domain import account as account_rules
from services.insurance.domain import escalation_case as case_rules
from services.insurance.domain import repayment as rules
from services.insurance.domain.arrears import Arrear, Stage, escalation_stage, late_fee, stages_to_announce
from services.insurance.domain.fines import Fine, fines_owed
from services.insurance.domain.deregistration import still_owed
from services.insurance.domain.money import ZERO, total
from services.insurance.domain.rates import CollectionPolicy
from services.insurance.domain.repayment import PaymentChannel, Repayment
from shared.jobs.progress import NO_PROGRESS, Progress
from shared.usecase import change


async def open_arrears(statements: Statements, employer_id: str) -> list[Arrear]:
    return [rules.arrear_of(s) for s in await statements.open_arrears(employer_id)]


@dataclass(frozen=True)
class ArrearsView:
    employer_id: str
    as_of: date
    months: list[Arrear]
    late_fees: list[Decimal]  # of each month, as of `as_of`
    fines: list[Fine]


async def arrears_as_of(statements: Statements, fines: Fines, policy: CollectionPolicy, employer_id: str,
                        as_of: date) -> ArrearsView:
    """Open arrears with late fees computed for `as_of` — never a stored, drifting number — and the unit's fines."""
    months = sorted(await open_arrears(statements, employer_id), key=lambda a: a.period)
    fees = [late_fee(a, as_of, policy.late_fee_daily) for a in months]
    return ArrearsView(employer_id, as_of, months, fees, await fines.of_employer(employer_id))


async def file_repayment(statements: Statements, repayments: Repayments, policy: CollectionPolicy,
                         employer_id: str, periods: list[str], amount: Decimal, paid_on: date,
                         channel: PaymentChannel) -> Repayment:
    open_months = {s.period: s for s in await statements.open_arrears(employer_id)}
    repayment = rules.file_repayment(str(uuid.uuid4()), employer_id, periods, amount, paid_on, channel,
                                     open_months, policy.late_fee_daily)
    await repayments.add(repayment)
    return repayment


async def conclude_repayment(accounts: Accounts, statements: Statements, repayments: Repayments, fines: Fines,
                             policy: CollectionPolicy, employer_id: str, repayment_id: str,
                             received: bool, cases: EscalationCases | None = None) -> Repayment:
    """Received: the months are settled and, at zero arrears, `arrears.settled` and the unit's escalation case
    closes; failed: the record is cancelled."""
    async def decide(repayment: Repayment):
        if repayment.employer_id != employer_id:
            raise unknown("repayment_id", "unknown-repayment",
                          f"no repayment {repayment_id} for employer {employer_id}")
        repayment = rules.conclude(repayment, received)
        if received:  # settled before the record says received: a retry after a failure settles them again
            open_months = {s.period: s for s in await statements.open_arrears(employer_id)}
            await statements.add_settlements(rules.settled_months(repayment, open_months, policy.late_fee_daily))
        return repayment, []

    repayment = await change_named(repayments, repayment_id, decide, what="repayment", field="repayment_id",
                             rule="unknown-repayment")
    if received:
        await after_payment(accounts, statements, fines, employer_id, repayment.paid_on)
        if cases is not None:
            await close_case_if_paid(cases, statements, employer_id, repayment.paid_on)
    return repayment


async def close_case_if_paid(cases: EscalationCases, statements: Statements, employer_id: str, on: date) -> None:
    """Closed when paid: at zero contributions in arrears the unit's open escalation case closes (第十一条)."""
    case = await cases.get(employer_id)
    if case is None or case.status is case_rules.CaseStatus.CLOSED:
        return
    remaining = total(a.outstanding for a in await open_arrears(statements, employer_id))
    if remaining == 0:
        last = case.history[-1].on if case.history else case.opened_on
        await change(cases, employer_id, lambda c: (case_rules.close_paid(c, max(on, last), remaining), []),
                     what="escalation case")


async def after_payment(accounts: Accounts, statements: Statements, fines: Fines, employer_id: str,
                        on: date) -> None:
    """After a repayment, a fine paid or a month's payment received: what is left decides settlement (every unpaid
    month counts for a waiting deregistration, closed or not: `domain.deregistration`)."""
    async def decide(account):
        every_month = await statements.of_employer(employer_id)
        remaining = total(a.outstanding for a in await open_arrears(statements, employer_id))
        owed_fines = await fines.of_employer(employer_id)
        unclosed = still_owed(every_month, [], on) - remaining
        return account_rules.after_repayment(account, remaining, on, fines_owed(owed_fines, on), max(unclosed, ZERO))

    await change(accounts, employer_id, decide, what=ACCOUNT)


async def settle_waiting(accounts: Accounts, statements: Statements, fines: Fines, employer_ids: list[str],
                         on: date) -> None:
    """Money received for a month still in its collection (debit results, cash receipts): a unit whose
    deregistration waits on it may now go on (登记管理办法 第十三条). Only those units' accounts are rewritten."""
    for employer_id in sorted(set(employer_ids)):
        account = await accounts.get(employer_id)
        if account is not None and account.pending_request_id is not None:
            await after_payment(accounts, statements, fines, employer_id, on)


@dataclass(frozen=True)
class EscalationRun:
    escalated: dict[str, list[str]]


async def run_escalation(accounts: Accounts, statements: Statements, policy: CollectionPolicy,
                         as_of: date, progress: Progress = NO_PROGRESS) -> EscalationRun:
    """Dunning → audit → labour administration, per account with open arrears, announced once per stage;
    `progress` counts the accounts gone through.

    Safe to re-run (a job resumed after an interruption): an account announces only the stages past the one it
    has reached, so nothing is announced twice; what the interrupted run announced is read back from `progress`."""
    by_employer: dict[str, list[Arrear]] = {}
    for statement in await statements.open_arrears():
        by_employer.setdefault(statement.employer_id, []).append(rules.arrear_of(statement))
    escalated = dict(progress.remembered())
    await progress.begin(len(by_employer))
    for employer_id, arrears in sorted(by_employer.items()):
        stage = escalation_stage(arrears, as_of, policy.audit_after_days, policy.labour_after_days)
        account = await accounts.get(employer_id)
        if account is not None and stages_to_announce(account.stage, stage):  # else the account is not rewritten
            owed = total(a.outstanding for a in arrears)
            if announced := await _escalate(accounts, employer_id, stage, owed, as_of):
                escalated[employer_id] = announced
                await progress.remember(employer_id, announced)
        await progress.advance()
    return EscalationRun(dict(sorted(escalated.items())))


async def _escalate(accounts: Accounts, employer_id: str, stage: Stage, owed: Decimal, as_of: date) -> list[str]:
    """The stages announced (none if another writer announced them first)."""
    announced: list[str] = []

    def decide(account):
        account, events = account_rules.escalate(account, stage, owed, as_of)
        announced.extend(e.stage for e in events)
        return account, events

    await change(accounts, employer_id, decide, what=ACCOUNT)
    return announced
